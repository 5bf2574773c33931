import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ValidationError } from '../../errors.js';
import { createDefaultPipeline } from '../../pipeline/default-pipeline.js';
import { loadNlpResources } from '../../resources/nlp.js';
import { createAfinnBaseline, createVaderBaseline } from '../../eval/baselines.js';
import { readLabelledLines, type SkippedLine } from '../../eval/dataset.js';
import { evaluateRows, type EvalTask } from '../../eval/evaluate.js';
import { formatReport } from '../../eval/format.js';
import { choiceOption, UsageError } from '../options.js';

const HELP = `Scores a labelled JSONL file ({"text", "label", "emotion"?, "lang"?} per line) and prints
accuracy, macro-F1, per-class precision/recall and the confusion matrix. The English-only AFINN
(sentiment) and VADER (vader-sentiment) packages are scored on the rows detected as English (or
declared "lang": "en"), and when those are not all the rows, koubei on them too ("koubei (en rows)");
the "rows" column says how many rows each system was scored on. Brand names are not read from the
configuration: the text is scored as written.

"label" is pos, neg or neu; positive, negative and neutral are read as those, in any case
("POS", "Negative"). "emotion" is joy, sadness, anger, fear, surprise, disgust or neutral, or a
common synonym (happy, angry, …). Lines that are not JSON, have no "text", or carry a label
that is none of these are skipped; stderr says how many and why.`;

/** How many skipped lines stderr names one by one; the rest are only counted. */
const SKIPS_SHOWN = 5;

interface EvalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

function describeSkips(file: string, skipped: SkippedLine[]): string {
  const shown = skipped.slice(0, SKIPS_SHOWN).map((s) => `  ${file}:${s.line}: ${s.reason}\n`).join('');
  const more = skipped.length > SKIPS_SHOWN ? `  … and ${skipped.length - SKIPS_SHOWN} more\n` : '';
  return `eval: skipped ${skipped.length} unreadable line${skipped.length === 1 ? '' : 's'} of ${file}:\n${shown}${more}`;
}

/** `koubei eval`: measure koubei (and the English baselines) on your own labelled data. */
export const evalCommand = {
  name: 'eval',
  summary: 'accuracy, macro-F1 and confusion matrix on a labelled JSONL file',
  usage: 'koubei eval --data FILE.jsonl [--task sentiment|emotion] [--json]',
  help: HELP,
  run: async (argv: string[], io: EvalIo): Promise<number> => {
    const { values } = parseArgs({
      args: argv,
      options: { data: { type: 'string' }, task: { type: 'string', default: 'sentiment' }, json: { type: 'boolean' } },
    });
    if (!values.data) throw new UsageError('--data FILE.jsonl is required');
    const task: EvalTask = choiceOption(values.task, '--task', ['sentiment', 'emotion'] as const) ?? 'sentiment';
    const { rows, skipped } = readLabelledLines(readFileSync(values.data, 'utf8'), task);
    if (skipped.length) io.stderr.write(describeSkips(values.data, skipped));
    const pipeline = createDefaultPipeline(await loadNlpResources());
    const progress = io.isTTY && rows.length > 2000;
    const report = evaluateRows(pipeline, rows, {
      task,
      baselines: [createAfinnBaseline(), createVaderBaseline()],
      onProgress: progress ? (done, total) => io.stderr.write(`\reval: ${done}/${total}`) : undefined,
    });
    if (progress) io.stderr.write('\r\x1b[2K');
    if (report.rows === 0) throw new ValidationError(`no rows in ${values.data} carry ${task === 'emotion' ? 'an emotion' : 'a sentiment'} label`);
    const unreadable = { count: skipped.length, first: skipped.slice(0, SKIPS_SHOWN) };
    io.stdout.write(values.json ? `${JSON.stringify({ file: values.data, ...report, unreadable })}\n` : formatReport(report, values.data, skipped.length));
    return 0;
  },
};
