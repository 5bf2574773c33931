import { TextDecoder } from 'node:util';
import { ParseError } from '../errors.js';
import type { SkippedItem } from './types.js';

export interface DecodedFile {
  /** The text, with each line that is not UTF-8 left empty so the other lines keep their numbers. */
  text: string;
  skipped: SkippedItem[];
}

function conversionHint(name: string): string {
  return `convert it first from its encoding (GBK, GB18030, Big5, latin1…), e.g. iconv -f GBK -t UTF-8 ${name} > ${name.replace(/(\.[^./]*)?$/, '-utf8$1')}`;
}

/**
 * Decodes a file strictly as UTF-8. A lenient decode turns GBK or Latin-1 bytes into U+FFFD and
 * stores garbled posts without a word, so each line that fails is skipped by number instead.
 * When no line holds valid UTF-8 beyond ASCII while some fail, the file is in another encoding
 * as a whole: that is one ParseError rather than a skip per line.
 */
export function decodeUtf8File(bytes: Uint8Array, name: string): DecodedFile {
  const strict = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: strict.decode(bytes), skipped: [] };
  } catch {
    return decodeLineByLine(bytes, name, strict);
  }
}

function decodeLineByLine(bytes: Uint8Array, name: string, strict: TextDecoder): DecodedFile {
  const lines: string[] = [];
  const skipped: SkippedItem[] = [];
  let sawUtf8 = false;
  for (const [index, raw] of splitLines(bytes).entries()) {
    try {
      const line = strict.decode(raw);
      sawUtf8 ||= raw.some((byte) => byte >= 0x80);
      lines.push(line);
    } catch {
      lines.push('');
      skipped.push({ line: index + 1, reason: `not valid UTF-8: this line of ${name} is not UTF-8 text; ${conversionHint(name)}` });
    }
  }
  if (!sawUtf8) {
    throw new ParseError(`${name} is not UTF-8 (first bad line: ${skipped[0].line}); nothing was imported; ${conversionHint(name)}`, skipped[0].line);
  }
  return { text: lines.join('\n'), skipped };
}

/** Splits on LF bytes: 0x0A never occurs inside a multi-byte character in UTF-8, GBK or GB18030. */
function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i));
      start = i + 1;
    }
  }
  lines.push(bytes.subarray(start));
  return lines;
}

/** The 1-based number of the first line of `bytes` that is not valid UTF-8, or null when all are. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | null {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lines = splitLines(bytes);
  for (let i = 0; i < lines.length; i++) {
    try {
      strict.decode(lines[i]);
    } catch {
      return i + 1;
    }
  }
  return null;
}
