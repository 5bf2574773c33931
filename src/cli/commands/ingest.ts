import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { detectFormat, parseImport, type ImportFormat } from '../../collectors/import-format.js';
import { ingestPosts } from '../../jobs/ingest.js';
import { loadRuntime } from '../load.js';
import { createProgress } from '../progress.js';
import type { CliCommand } from '../types.js';

export const ingestCommand: CliCommand = {
  name: 'ingest',
  summary: 'Import a JSONL, JSON or CSV file of posts',
  usage: 'koubei ingest FILE [--source ID] [--format jsonl|json|csv]',
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { source: { type: 'string', short: 's' }, format: { type: 'string', short: 'f' } },
      allowPositionals: true,
    });
    const file = positionals[0];
    if (!file) {
      io.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const sourceId = values.source ?? 'file';
    const body = await readFile(file, 'utf8');
    const format = (values.format as ImportFormat | undefined) ?? detectFormat(file, body);
    const runtime = await loadRuntime(io);
    try {
      const parsed = parseImport(body, { format, source: sourceId, now: new Date() });
      for (const skip of parsed.skipped) io.stderr.write(`${file}:${skip.line ?? '?'}: skipped: ${skip.reason}\n`);
      await runtime.store.upsertSource(sourceId, 'file', Date.now());
      const progress = createProgress(io.stderr, io.isTTY, `ingest ${file}`);
      const summary = await ingestPosts(parsed.posts, 'file', runtime.collection, { onProgress: (d, t) => progress.update(d, t) });
      progress.finish(
        `${file}: read=${parsed.posts.length + parsed.skipped.length} inserted=${summary.inserted} updated=${summary.updated} unchanged=${summary.unchanged} duplicates=${summary.duplicates} skipped=${parsed.skipped.length}`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
