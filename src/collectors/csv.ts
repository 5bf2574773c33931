export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** A record that could not be read; reading goes on with the line after the broken quote's line. */
export interface CsvProblem {
  line: number;
  problem: string;
}

interface RecordRead {
  fields?: string[];
  problem?: string;
  /** Index where the next record starts. */
  next: number;
}

/**
 * RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes, CRLF, LF or CR.
 * Yields one record at a time so large files stream. A quote that is never closed yields a problem
 * for that one row, and so does one whose "closing" quote on a later line is more likely another
 * row's: reading it as written would swallow the rows that follow (see `closesOnAnotherRow`).
 * The first record is taken as the header, whose width that check compares rows with.
 */
export function* readCsv(text: string): Generator<CsvRecord | CsvProblem> {
  let pos = 0;
  let line = 1;
  let width: number | undefined;
  while (pos < text.length) {
    const read = readRecord(text, pos, line, width);
    if (read.problem) yield { line, problem: read.problem };
    else if (read.fields && !(read.fields.length === 1 && read.fields[0] === '')) {
      yield { line, fields: read.fields };
      width ??= read.fields.length;
    }
    line += countLineBreaks(text, pos, read.next);
    pos = read.next;
  }
}

function readRecord(text: string, start: number, startLine: number, width?: number): RecordRead {
  const fields: string[] = [];
  let field = '';
  let line = startLine;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const quoted = readQuoted(text, i);
      if (quoted.problem || (quoted.lines > 0 && closesOnAnotherRow(text, quoted.next - 1, width))) {
        return { problem: `CSV: unterminated quoted field starting on line ${line}`, next: afterLineBreak(text, i) };
      }
      field = quoted.value;
      line += quoted.lines;
      i = quoted.next - 1;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      fields.push(field);
      return { fields, next: afterLineBreak(text, i) };
    } else field += ch;
  }
  fields.push(field);
  return { fields, next: text.length };
}

/** Reads the quoted field whose opening quote is at `open`; `next` is the index after the closing quote. */
function readQuoted(text: string, open: number): { value: string; lines: number; next: number; problem?: boolean } {
  let value = '';
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '"') value += ch;
    else if (text[i + 1] === '"') (value += '"'), i++;
    else return { value, lines: countLineBreaks(text, open, i), next: i + 1 };
  }
  return { value, lines: 0, next: text.length, problem: true };
}

/**
 * Whether the quote at `close`, which would end a field opened on an earlier line, belongs to a later
 * row instead: text right after it (that row's opening quote), or an inch mark (`12"`) on a line
 * that reads on its own as a whole row of the header's width. Legitimate multi-line fields end in a
 * quote followed by a field end, and their last line is rarely a whole row ending a field in a digit.
 */
function closesOnAnotherRow(text: string, close: number, width: number | undefined): boolean {
  if (!endsField(text[close + 1])) return true;
  if (width === undefined || !/\d/.test(text[close - 1] ?? '')) return false;
  return readRecord(text, lineStart(text, close), 1).fields?.length === width;
}

function endsField(ch: string | undefined): boolean {
  return ch === undefined || ch === ',' || ch === '\n' || ch === '\r';
}

/** Index just past the line break at or after `from` (CRLF counts as one break). */
function afterLineBreak(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return text.length;
}

/** Index of the first character of the line holding `at`. */
function lineStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}
