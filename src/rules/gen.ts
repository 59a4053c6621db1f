/** Building blocks for `Rule.sample`: random strings over a key alphabet. */

export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const B64URL = `${ALNUM}_-`;
export const HEX = '0123456789abcdef';

/** The base64 of "OpenAI" that OpenAI keys carry in the middle, built so no literal shows it. */
export const OPENAI_MARKER = ['T3Bl', 'bkFJ'].join('');

export function pick(random: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(random() * alphabet.length)];
  return s;
}

/** Joins parts at run time so no source line holds a key prefix next to a body. */
export function join(...parts: string[]): string {
  return parts.join('');
}
