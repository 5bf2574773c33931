import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import type { Collector } from './types.js';
import { parseImportFile } from './import-format.js';

const ColumnsSchema = z
  .object({
    id: z.string(), text: z.string(), title: z.string(), url: z.string(), lang: z.string(), author: z.string(),
    created_at: z.string(), likes: z.string(), replies: z.string(), reposts: z.string(), rating: z.string(),
  })
  .partial()
  .strict();

const FileImportConfig = z
  .object({
    path: z.string().min(1, 'expected the path of a .jsonl, .json or .csv file'),
    format: z.enum(['jsonl', 'json', 'csv']).optional(),
    columns: ColumnsSchema.optional(),
  })
  .strict();

export type FileImportConfig = z.infer<typeof FileImportConfig>;

/**
 * Imports a JSONL/JSON/CSV file that another tool keeps writing (exports, scrapes you own).
 * The cursor is the file's size and mtime: an unchanged file is not re-read; a changed one is
 * re-read whole, and upserts by id keep the store free of duplicates.
 */
export const collector: Collector<FileImportConfig> = {
  type: 'file',
  name: 'File import (JSONL, JSON, CSV)',
  configSchema: FileImportConfig,
  defaultSchedule: '*/15 * * * *',
  requiresConfig: [],
  async collect(ctx) {
    const info = await stat(ctx.config.path);
    const cursor = `${info.size}:${info.mtimeMs}`;
    if (cursor === ctx.cursor) return { posts: [], cursor };
    const bytes = await readFile(ctx.config.path);
    const { posts, skipped } = parseImportFile(bytes, ctx.config.path, {
      format: ctx.config.format,
      source: ctx.sourceId,
      now: ctx.now(),
      columns: ctx.config.columns,
    });
    ctx.progress?.(posts.length);
    return { posts, cursor, skipped };
  },
};
