import { TextDecoder } from 'node:util';
import type { SkippedItem } from './types.js';

export interface DecodedFile {
  /** The text, with each line that is not UTF-8 left empty so the other lines keep their numbers. */
  text: string;
  skipped: SkippedItem[];
}

/** How to convert `name` to UTF-8, for messages about a file that is not. */
export function conversionHint(name: string): string {
  return `convert it first from its encoding (GBK, GB18030, Big5, latin1…), e.g. iconv -f GBK -t UTF-8 ${name} > ${name.replace(/(\.[^./]*)?$/, '-utf8$1')}`;
}

/**
 * Decodes a file strictly as UTF-8. A lenient decode turns GBK or Latin-1 bytes into U+FFFD and
 * stores garbled posts without a word, so each line that fails is skipped by number instead, and
 * the other lines are read. That holds even when every non-ASCII line fails (a GBK file whose other
 * rows are ASCII): its ASCII rows are still good, and each skip names the conversion to make.
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
  for (const [index, raw] of splitLines(bytes).entries()) {
    try {
      lines.push(strict.decode(raw));
    } catch {
      lines.push('');
      skipped.push({ line: index + 1, reason: `not valid UTF-8: this line of ${name} is not UTF-8 text; ${conversionHint(name)}` });
    }
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
