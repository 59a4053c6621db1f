import { parseAuditConfig } from '../../src/audit/config.js';
import { parseConfig } from '../../src/config/load.js';

function audit(yaml: string) {
  const c = parseConfig(yaml, '.keyguard.yml');
  return parseAuditConfig(c.audit, c.source.lineOf, '.keyguard.yml');
}

describe('the audit section of .keyguard.yml', () => {
  it('reads allow-ips, the window and extra user-agent lists', () => {
    expect(
      audit(
        'audit:\n  allow-ips: [203.0.113.0/24, "2001:db8::/32"]\n  window: 7d\n  sdk-user-agents: [acme-sdk]\n',
      ),
    ).toEqual({
      allowIps: ['203.0.113.0/24', '2001:db8::/32'],
      windowHours: 168,
      userAgents: { sdk: ['acme-sdk'], generic: [] },
    });
  });

  it('defaults to no allowlist when the section is absent', () => {
    expect(audit('rules: {}\n')).toEqual({ allowIps: [] });
  });

  it('names the line of an invalid CIDR', () => {
    expect(() => audit('audit:\n  allow-ips:\n    - 10.0.0.0/33\n')).toThrow(
      /^\.keyguard\.yml:2: audit\.allow-ips: /,
    );
  });

  it('rejects an unknown key with the expected ones', () => {
    expect(() => audit('audit:\n  allowed-ips: []\n')).toThrow(/unknown key \(expected one of allow-ips/);
  });

  it('rejects a window that is not a duration', () => {
    expect(() => audit('audit:\n  window: soon\n')).toThrow(/audit\.window: "soon" is not a duration/);
  });
});
