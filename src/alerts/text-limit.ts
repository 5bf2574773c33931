/** UTF-8 byte length (WeCom and DingTalk limit messages in bytes, and a Chinese character is 3). */
export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts text to at most `maxBytes` UTF-8 bytes without splitting a character, marking the cut. */
export function clipBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  let used = byteLength('…');
  for (const ch of text) {
    const size = byteLength(ch);
    if (used + size > maxBytes) break;
    out += ch;
    used += size;
  }
  return `${out}…`;
}

/**
 * Renders with shorter and shorter sample excerpts until the result fits `maxBytes`; as a last
 * resort the text is clipped before its last line, which holds the links and is kept whole (unless
 * it would take half the room). The alert is never dropped for being long — the links carry the rest.
 */
export function fitBytes(render: (sampleChars: number) => string, maxBytes: number): string {
  for (const sampleChars of [200, 120, 60, 20]) {
    const text = render(sampleChars);
    if (byteLength(text) <= maxBytes) return text;
  }
  const text = render(0);
  const cut = text.lastIndexOf('\n');
  const links = cut >= 0 ? text.slice(cut) : '';
  if (!links || byteLength(links) > maxBytes / 2) return clipBytes(text, maxBytes);
  return clipBytes(text.slice(0, cut), maxBytes - byteLength(links)) + links;
}
