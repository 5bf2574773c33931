import { ParseError } from '../errors.js';

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 CSV reader: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF.
 * Yields one record at a time so large files stream; an unterminated quote is a ParseError
 * naming the line where the field began.
 */
export function* readCsv(text: string): Generator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStartLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') (quoted = true), (fieldStartLine = line);
    else if (ch === ',') fields.push(field), (field = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '')) yield { line: recordLine, fields };
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (quoted) throw new ParseError(`CSV: unterminated quoted field starting on line ${fieldStartLine}`, fieldStartLine);
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    yield { line: recordLine, fields };
  }
}
