import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, parseImportFile } from '../../collectors/import-format.js';
import { openPushTarget } from '../../jobs/push-posts.js';
import { loadRuntime } from '../load.js';
import { choiceOption, UsageError } from '../options.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

/** Skipped rows named one per line; beyond this many, a count (an all-GBK file would print every line). */
const SKIPS_LISTED = 20;

/** The stderr lines naming skipped rows, capped at SKIPS_LISTED. */
export function skipReport(file: string, skipped: readonly { line?: number; reason: string }[]): string {
  const listed = skipped.slice(0, SKIPS_LISTED).map((skip) => `${file}:${skip.line ?? '?'}: skipped: ${skip.reason}\n`);
  const more = skipped.length - listed.length;
  return listed.join('') + (more > 0 ? `${file}: … and ${more} more skipped rows not listed\n` : '');
}

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
    'none could be imported (the source is then not created), or when --source names a configured\n' +
    'collector source (demo, rss, …): pushed posts would mix into its stream. 2 on a bad command line.',
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
      if (parsed.posts.length === 0 && parsed.skipped.length > 0) {
        io.stderr.write(`${file}: nothing imported: all ${parsed.skipped.length} rows were skipped\n`);
        return NOTHING_IMPORTED_EXIT_CODE;
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
