import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, parseImportFile, type ImportFormat, type ParsedImport } from '../../collectors/import-format.js';
import { ParseError } from '../../errors.js';
import { nothingImported, skipReport } from '../../collectors/skip-report.js';
import { openPushTarget, type PushPosts } from '../../jobs/push-posts.js';
import { loadRuntime } from '../load.js';
import { choiceOption, UsageError } from '../options.js';
import { createProgress } from '../progress.js';
import type { CliCommand, CliIo } from '../types.js';

/** Exit code when rows were skipped and none could be imported: the import failed as a whole. */
const NOTHING_IMPORTED_EXIT_CODE = 1;

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Import JSONL, JSON or CSV files of posts (UTF-8)',
  usage: 'koubei ingest FILE... [--source ID] [--format jsonl|json|csv]',
  help:
    'Imports posts from UTF-8 files, one after the other (a shell glob such as exports/*.csv works); the\n' +
    'format comes from --format, else each file name (.csv) or content. Rows that cannot be read (bad CSV\n' +
    'quoting, malformed JSON, lines that are not UTF-8, posts without text) are skipped and named by line\n' +
    `(the first 20, then a count); the others are imported. Exits ${NOTHING_IMPORTED_EXIT_CODE} when a file had rows skipped and none\n` +
    'imported (the other files are still imported; a source with no post is not created), when a CSV\n' +
    'header is not UTF-8, or when --source names a collector source (demo, rss, …: pushed posts would mix\n' +
    'into its stream) or a source of another type (POST /api/ingest makes push sources). 2 on a bad\n' +
    'command line.',
  async run(argv, io) {
    const { values, positionals: files } = parseArgs({
      args: argv,
      options: { source: { type: 'string', short: 's' }, format: { type: 'string', short: 'f' } },
      allowPositionals: true,
    });
    if (files.length === 0) throw new UsageError('FILE is required');
    const format = choiceOption(values.format, '--format', IMPORT_FORMATS);
    const sourceId = values.source ?? 'file';
    // A file that cannot be read fails before the (slower) runtime loads and before any file is imported.
    await Promise.all(files.map((file) => access(file, constants.R_OK)));
    const runtime = await loadRuntime(io);
    try {
      // Refused before any row is reported, so a push into a collector's id is one error line.
      const push = await openPushTarget(sourceId, 'file', { ...runtime.collection, configuredSources: runtime.config.sources });
      let exitCode = 0;
      for (const file of files) {
        const imported = await importFile(file, { format, sourceId, push, io });
        if (!imported) exitCode = NOTHING_IMPORTED_EXIT_CODE;
      }
      return exitCode;
    } finally {
      await runtime.close();
    }
  },
};

interface ImportOptions {
  format: ImportFormat | undefined;
  sourceId: string;
  push: PushPosts;
  io: CliIo;
}

/**
 * Imports one file, reporting its skipped rows and a summary line; false when nothing could be
 * imported. A file that cannot be read or parsed as a whole (a directory, a CSV header that is not
 * UTF-8) is reported on one line and leaves the other files to be imported.
 */
async function importFile(file: string, { format, sourceId, push, io }: ImportOptions): Promise<boolean> {
  let parsed: ParsedImport;
  try {
    parsed = parseImportFile(await readFile(file), file, { format, source: sourceId, now: new Date() });
  } catch (err) {
    if (!(err instanceof ParseError) && !isFileSystemError(err)) throw err;
    // A read error does not always name its file ("EISDIR: illegal operation on a directory, read").
    io.stderr.write(`koubei ingest: ${err instanceof ParseError ? '' : `${file}: `}${err.message}\n`);
    return false;
  }
  io.stderr.write(skipReport(file, parsed.skipped));
  const progress = createProgress(io.stderr, io.isTTY, `ingest ${file}`);
  const summary = await push(parsed.posts, { onProgress: (d, t) => progress.update(d, t) });
  progress.finish(
    `${file}: read=${parsed.posts.length + parsed.skipped.length} inserted=${summary.inserted} updated=${summary.updated} unchanged=${summary.unchanged} duplicates=${summary.duplicates} skipped=${parsed.skipped.length}`,
  );
  const failure = nothingImported(parsed.posts.length, parsed.skipped);
  if (failure) io.stderr.write(`${file}: ${failure}\n`);
  return !failure;
}

function isFileSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}
