/** Counts per ASCII character, reused from call to call (a typed array per call cost more than the count). */
const counts = new Uint32Array(128);

/** Shannon entropy in bits per character: ~4 for random hex, ~5.9 for random alphanumerics at length. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  let other: Map<string, number> | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) counts[c]!++;
    else {
      other ??= new Map();
      other.set(s[i]!, (other.get(s[i]!) ?? 0) + 1);
    }
  }
  let h = 0;
  const add = (n: number) => {
    const p = n / s.length;
    h -= p * Math.log2(p);
  };
  // Read each character's count once and clear it, leaving the table zeroed for the next call.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128 && counts[c]! > 0) {
      add(counts[c]!);
      counts[c] = 0;
    }
  }
  if (other) for (const n of other.values()) add(n);
  return h;
}
