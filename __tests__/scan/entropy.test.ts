import { shannonEntropy } from '../../src/scan/entropy.js';

describe('shannonEntropy', () => {
  it.each([
    ['', 0],
    ['aaaa', 0],
    ['ab', 1],
    ['abab', 1],
    ['0123456789abcdef', 4],
    ['ééèè', 1],
    ['aé', 1],
  ])('gives %j %d bits per character', (text, bits) => {
    expect(shannonEntropy(text)).toBeCloseTo(bits, 10);
  });

  it('gives the same answer on every call (its counts are reset after each)', () => {
    const text = 'sk-AbCdEfGh0123456789';
    const first = shannonEntropy(text);
    for (let i = 0; i < 5; i++) expect(shannonEntropy(text)).toBe(first);
    expect(shannonEntropy('zzzz')).toBe(0);
  });
});
