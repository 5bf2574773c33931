import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { analyzeText } from '../../pipeline/analyze.js';
import { createDefaultPipeline } from '../../pipeline/default-pipeline.js';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { loadNlpResources } from '../../resources/nlp.js';
import type { CliCommand } from '../types.js';

/**
 * Analyses one JSONL line. The output shape is a stable contract used to measure accuracy from
 * outside: `{id, lang, sentiment: {label, score, confidence, explanation}, emotion, themes, aspects, keywords}`.
 * A bad line yields `{line, id?, error}` and processing continues.
 */
export function analyzeLine(pipeline: Pipeline, line: string, lineNo: number): Record<string, unknown> {
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

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Analyse JSONL posts ({"id","text","lang"?} per line) to JSONL on stdout',
  usage: 'koubei analyze [--input FILE] [--output FILE] [TEXT...]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { input: { type: 'string', short: 'i' }, output: { type: 'string', short: 'o' } },
      allowPositionals: true,
    });
    const pipeline = createDefaultPipeline(await loadNlpResources());
    const out = values.output ? createWriteStream(values.output) : io.stdout;
    if (positionals.length > 0) {
      // Each TEXT argument is one post (id = its position), as `koubei analyze "好吃" "too slow"` reads.
      for (const [i, text] of positionals.entries()) {
        await write(out, `${JSON.stringify(analyzeLine(pipeline, JSON.stringify({ id: i + 1, text }), i + 1))}\n`);
      }
    } else {
      const input = values.input ? createReadStream(values.input, 'utf8') : io.stdin;
      let lineNo = 0;
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        lineNo += 1;
        if (line.trim() === '') continue;
        await write(out, `${JSON.stringify(analyzeLine(pipeline, line, lineNo))}\n`);
      }
    }
    if (out !== io.stdout) {
      out.end();
      await once(out, 'finish');
    }
    return 0;
  },
};
