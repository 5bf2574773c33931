/** Texts whose fingerprint is shorter than this are too generic ("好评", "great!") to count as copies. */
export const MIN_DEDUPE_CHARS = 12;

export interface Fingerprint {
  hash: string;
  /** Whether the text is distinctive enough to link copies of it. */
  dedupe: boolean;
}

const REPOST_PREFIX = /^(?:rt\s*:?|转发(?:微博)?\s*[:：]?|repost\s*:?|via\s+@\S+\s*:?)\s*/i;

/**
 * Fingerprint used to link reposts and retweet-like copies: repost prefixes, @mentions, hashtags'
 * markers, URLs, punctuation, emoji and whitespace are dropped and case is folded before hashing.
 *
 * @example fingerprintText('转发：@小美 鲜蜂外卖吃坏肚子了！！').hash === fingerprintText('鲜蜂外卖吃坏肚子了').hash
 */
export function fingerprintText(text: string): Fingerprint {
  const core = text
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, '')
    .replace(REPOST_PREFIX, '')
    .replace(/@[\p{L}\p{N}_-]+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return { hash: cyrb53(core), dedupe: [...core].length >= MIN_DEDUPE_CHARS };
}

/** 53-bit non-cryptographic string hash (public-domain cyrb53 construction), as 14 hex digits. */
function cyrb53(input: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < input.length; i++) {
    const ch = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
