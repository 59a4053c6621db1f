/** Shannon entropy in bits per character: ~4 for random hex, ~5.9 for random alphanumerics at length. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const ascii = new Uint32Array(128);
  let other: Map<string, number> | undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) ascii[c]!++;
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
  for (let c = 0; c < 128; c++) if (ascii[c]! > 0) add(ascii[c]!);
  if (other) for (const n of other.values()) add(n);
  return h;
}
