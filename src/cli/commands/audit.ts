/** `keyguard audit`: from an exported call log (`--csv`) or a provider's usage API (`--provider`). */
import { AUDIT_FLAGS, AUDIT_NOTES, AUDIT_SUMMARY, AUDIT_USAGE_LINES, runAudit } from '../../audit/cli.js';
import { auditWithProvider } from '../audit-provider.js';
import type { Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: AUDIT_SUMMARY,
  usage: AUDIT_USAGE_LINES,
  flags: AUDIT_FLAGS,
  notes: AUDIT_NOTES,
  async run(args, { io }) {
    if (args.values.provider !== undefined) return auditWithProvider(args, io);
    return runAudit(args.argv, io);
  },
};
