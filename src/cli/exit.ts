/**
 * Exit codes, the same for every command (docs/cli.md has the table):
 *   0  done, nothing to report (no leaked key; the audit ran; `verify`: the key is revoked)
 *   1  leaked keys found (`scan`, unless `--exit-code N`); `verify`: the key is live
 *   2  usage, configuration or runtime error: nothing was concluded (one `keyguard: ` line on stderr)
 *   3  inconclusive: `verify` could not tell; `audit`: the window holds no events while the log has rows
 */
export const EXIT = {
  ok: 0,
  leaks: 1,
  live: 1,
  error: 2,
  inconclusive: 3,
} as const;
