import { parseArgs } from 'node:util';
import { createDefaultPipeline } from '../../pipeline/default-pipeline.js';
import { loadNlpResources } from '../../resources/nlp.js';
import { createAfinnBaseline, createVaderBaseline } from '../../eval/baselines.js';
import { readLabelledJsonl } from '../../eval/dataset.js';
import { evaluateRows, type EvalTask } from '../../eval/evaluate.js';
import { formatReport } from '../../eval/format.js';

const USAGE = `usage: koubei eval --data FILE.jsonl [--task sentiment|emotion] [--json]

Scores a labelled JSONL file ({"text", "label": pos|neg|neu, "emotion"?, "lang"?} per line) and prints
accuracy, macro-F1, per-class precision/recall and the confusion matrix. On English files the
AFINN (sentiment) and VADER (vader-sentiment) packages are scored on the same rows.`;

interface EvalIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  isTTY: boolean;
}

/** `koubei eval`: measure koubei (and the English baselines) on your own labelled data. */
export const evalCommand = {
  name: 'eval',
  summary: 'accuracy, macro-F1 and confusion matrix on a labelled JSONL file',
  usage: USAGE,
  run: async (argv: string[], io: EvalIo): Promise<number> => {
    let values: { data?: string; task?: string; json?: boolean; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { data: { type: 'string' }, task: { type: 'string', default: 'sentiment' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      }));
    } catch (err) {
      io.stderr.write(`eval: ${(err as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (!values.data) {
      io.stderr.write(`eval: --data FILE.jsonl is required\n${USAGE}\n`);
      return 2;
    }
    if (values.task !== 'sentiment' && values.task !== 'emotion') {
      io.stderr.write(`eval: --task must be "sentiment" or "emotion", found "${values.task}"\n`);
      return 2;
    }
    const task: EvalTask = values.task;
    let rows;
    try {
      rows = readLabelledJsonl(values.data);
    } catch (err) {
      io.stderr.write(`eval: cannot read ${values.data}: ${(err as Error).message}\n`);
      return 1;
    }
    const pipeline = createDefaultPipeline(await loadNlpResources());
    const progress = io.isTTY && rows.length > 2000;
    const report = evaluateRows(pipeline, rows, {
      task,
      baselines: [createAfinnBaseline(), createVaderBaseline()],
      onProgress: progress ? (done, total) => io.stderr.write(`\reval: ${done}/${total}`) : undefined,
    });
    if (progress) io.stderr.write('\r\x1b[2K');
    if (report.rows === 0) {
      io.stderr.write(`eval: no rows in ${values.data} carry a ${task} label\n`);
      return 1;
    }
    io.stdout.write(values.json ? `${JSON.stringify({ file: values.data, ...report })}\n` : formatReport(report, values.data));
    return 0;
  },
};
