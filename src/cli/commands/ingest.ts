import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, parseImportFile } from '../../collectors/import-format.js';
import { nothingImported, skipReport } from '../../collectors/skip-report.js';
import { openPushTarget } from '../../jobs/push-posts.js';
import { loadRuntime } from '../load.js';
import { choiceOption, UsageError } from '../options.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

/** Exit code when rows were skipped and none could be imported: the import failed as a whole. */
const NOTHING_IMPORTED_EXIT_CODE = 1;

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Import a JSONL, JSON or CSV file of posts (UTF-8)',
  usage: 'koubei ingest FILE [--source ID] [--format jsonl|json|csv]',
  help:
    'Imports posts from a UTF-8 file; the format comes from --format, else the file name (.csv) or content.\n' +
    'Rows that cannot be read (bad CSV quoting, malformed JSON, lines that are not UTF-8, posts without\n' +
    `text) are skipped and named by line (the first 20, then a count); the others are imported. Exits ${NOTHING_IMPORTED_EXIT_CODE} when rows were skipped and\n` +
    'none could be imported (the source is then not created), when a CSV header is not UTF-8, or when\n' +
    '--source names a collector source (demo, rss, …: pushed posts would mix into its stream) or a\n' +
    'source of another type (POST /api/ingest makes push sources). 2 on a bad command line.',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { source: { type: 'string', short: 's' }, format: { type: 'string', short: 'f' } },
      allowPositionals: true,
    });
    const file = positionals[0];
    if (!file) throw new UsageError('FILE is required');
    const format = choiceOption(values.format, '--format', IMPORT_FORMATS);
    const sourceId = values.source ?? 'file';
    // A file that cannot be read fails before the (slower) runtime loads.
    const parsed = parseImportFile(await readFile(file), file, { format, source: sourceId, now: new Date() });
    const runtime = await loadRuntime(io);
    try {
      // Refused before any row is reported, so a push into a collector's id is one error line.
      const push = await openPushTarget(sourceId, 'file', { ...runtime.collection, configuredSources: runtime.config.sources });
      io.stderr.write(skipReport(file, parsed.skipped));
      const progress = createProgress(io.stderr, io.isTTY, `ingest ${file}`);
      const summary = await push(parsed.posts, { onProgress: (d, t) => progress.update(d, t) });
      progress.finish(
        `${file}: read=${parsed.posts.length + parsed.skipped.length} inserted=${summary.inserted} updated=${summary.updated} unchanged=${summary.unchanged} duplicates=${summary.duplicates} skipped=${parsed.skipped.length}`,
      );
      const failure = nothingImported(parsed.posts.length, parsed.skipped);
      if (!failure) return 0;
      io.stderr.write(`${file}: ${failure}\n`);
      return NOTHING_IMPORTED_EXIT_CODE;
    } finally {
      await runtime.close();
    }
  },
};
