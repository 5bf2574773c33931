/**
 * The 32-bit hashes of the sentiment and emotion features (FNV-1a + murmur3 finaliser), shared by
 * the feature buffer, the trainers and jieba's packed idf table. Changing any of them requires retraining.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
}

/** murmur3 finaliser: spreads FNV's weak low bits before masking. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** A token hash placed in the hash space of its feature family. */
export function mix(h: number, kind: number): number {
  return fmix(h ^ Math.imul(kind + 1, 0x27d4eb2d));
}

/** Two token hashes (a bigram) placed in the hash space of a feature family. */
export function mix2(a: number, b: number, kind: number): number {
  return fmix(Math.imul(a, 0x9e3779b1) ^ b ^ Math.imul(kind + 1, 0x165667b1));
}
