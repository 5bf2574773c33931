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
 * Yields one record at a time so large files stream. A quote that is never closed, or whose
 * "closing" quote sits on a later line with text right after it (the next row's opening quote),
 * yields a problem for that one row: reading it as written would swallow the rows that follow.
 */
export function* readCsv(text: string): Generator<CsvRecord | CsvProblem> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    const read = readRecord(text, pos, line);
    if (read.problem) yield { line, problem: read.problem };
    else if (read.fields && !(read.fields.length === 1 && read.fields[0] === '')) yield { line, fields: read.fields };
    line += countLineBreaks(text, pos, read.next);
    pos = read.next;
  }
}

function readRecord(text: string, start: number, startLine: number): RecordRead {
  const fields: string[] = [];
  let field = '';
  let line = startLine;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && field === '') {
      const quoted = readQuoted(text, i);
      if (quoted.problem || (quoted.lines > 0 && !endsField(text[quoted.next]))) {
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

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}
