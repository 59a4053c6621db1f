/**
 * Inline ignores: a comment on the key's line that says a reviewer accepted it. keyguard's own, and the
 * ones teams already wrote for gitleaks and TruffleHog, so moving over keeps every reviewed exception.
 */
export const INLINE_IGNORES = ['keyguard:allow', 'gitleaks:allow', 'trufflehog:ignore'] as const;

/** Where any inline ignore occurs in `text`, ascending. */
export function inlineIgnorePositions(text: string): number[] {
  const out: number[] = [];
  for (const marker of INLINE_IGNORES)
    for (let i = text.indexOf(marker); i !== -1; i = text.indexOf(marker, i + 1)) out.push(i);
  return out.sort((a, b) => a - b);
}

/** True when `line` holds an inline ignore. */
export function hasInlineIgnore(line: string): boolean {
  return INLINE_IGNORES.some((m) => line.includes(m));
}
