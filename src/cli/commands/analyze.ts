import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline as pipeStreams } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadBrandConfig } from '../../config.js';
import { analyzeText } from '../../pipeline/analyze.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { loadBrandPipeline } from '../brand-pipeline.js';
import { UsageError } from '../options.js';
import type { CliCommand } from '../types.js';

/**
 * Analyses one JSONL line. The output shape is a stable contract used to measure accuracy from
 * outside: `{id, lang, sentiment: {label, score, confidence, explanation}, emotion, themes, aspects, keywords}`.
 * A bad line yields `{line, id?, error}` and processing continues.
 */
export function analyzeLine(pipeline: Pipeline, line: string, lineNo: number): Record<string, unknown> {
  if (line.trim() === '') return { line: lineNo, error: 'empty line (expected a JSON object with "text")' };
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (err) {
    return { line: lineNo, error: `malformed JSON: ${(err as Error).message}` };
  }
  if (input === null || typeof input !== 'object') return { line: lineNo, error: 'expected a JSON object with "text"' };
  const { id, text, lang } = input as { id?: unknown; text?: unknown; lang?: unknown };
  if (typeof text !== 'string') return { line: lineNo, id: id ?? null, error: 'missing "text" (expected a string)' };
  const analysis = analyzeText(pipeline, text, typeof lang === 'string' ? lang : undefined);
  return {
    id: id ?? lineNo,
    lang: analysis.lang,
    sentiment: analysis.sentiment,
    emotion: analysis.emotion,
    themes: analysis.themes,
    aspects: analysis.aspects,
    keywords: analysis.keywords,
  };
}

/**
 * One output line per input line, so the two pair by position. Blank lines are held back until a
 * later line holds something: in the middle they are error objects, while those at the end (the
 * newlines an editor leaves) yield nothing. A UTF-8 byte-order mark before line 1 is dropped, as
 * Windows editors write one and `ingest` reads such files.
 */
async function* analyzeJsonl(pipeline: Pipeline, lines: AsyncIterable<string>): AsyncGenerator<string> {
  let lineNo = 0;
  let blanks: number[] = [];
  for await (const read of lines) {
    lineNo += 1;
    const line = lineNo === 1 ? read.replace(/^\uFEFF/, '') : read;
    if (line.trim() === '') {
      blanks.push(lineNo);
      continue;
    }
    for (const blank of blanks) yield `${JSON.stringify(analyzeLine(pipeline, '', blank))}\n`;
    blanks = [];
    yield `${JSON.stringify(analyzeLine(pipeline, line, lineNo))}\n`;
  }
}

/** Each TEXT argument is one post (id = its position), as `koubei analyze "好吃" "too slow"` reads. */
function* analyzeTexts(pipeline: Pipeline, texts: readonly string[]): Generator<string> {
  for (const [i, text] of texts.entries()) yield `${JSON.stringify(analyzeLine(pipeline, JSON.stringify({ id: i + 1, text }), i + 1))}\n`;
}

/** Opens --output before the models load, so a path that cannot be written fails at once with its error (which names it). */
async function openOutput(path: string): Promise<WriteStream> {
  const out = createWriteStream(path);
  await once(out, 'open');
  return out;
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Analyse JSONL posts ({"id","text","lang"?} per line) to JSONL on stdout',
  usage: 'koubei analyze [--input FILE | TEXT...] [--output FILE]',
  help:
    'Analyses each TEXT argument, or else JSONL from --input FILE or stdin (not both), to one JSON line per post on stdout\n' +
    '(or --output FILE). JSONL input gives one output line per input line, in order: a line that is blank,\n' +
    'not JSON or without "text" gives {"line": N, "error": "…"}. Blank lines after the last post and a UTF-8\n' +
    'byte-order mark are ignored. Brand names and aliases of the configuration are read as names, as for\n' +
    'the mentions koubei stores, so a broken configuration fails here too.',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { input: { type: 'string', short: 'i' }, output: { type: 'string', short: 'o' } },
      allowPositionals: true,
    });
    if (positionals.length > 0 && values.input) throw new UsageError('give TEXT arguments or --input FILE, not both');
    // The configured brands are names, not opinions, as for the posts koubei stores.
    const brands = loadBrandConfig({ env: io.env });
    const out = values.output ? await openOutput(values.output) : io.stdout;
    const pipeline = await loadBrandPipeline(brands);
    const lines =
      positionals.length > 0
        ? analyzeTexts(pipeline, positionals)
        : analyzeJsonl(pipeline, createInterface({ input: values.input ? createReadStream(values.input, 'utf8') : io.stdin, crlfDelay: Infinity }));
    // pipeline() reports a failed write (disk full, closed pipe) as an error instead of an unhandled 'error' event.
    await pipeStreams(Readable.from(lines), out, { end: out !== io.stdout });
    return 0;
  },
};
