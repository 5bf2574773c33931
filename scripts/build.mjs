#!/usr/bin/env node
// Compiles src/ to dist/ (same layout, so paths built from import.meta.url still reach lexicons/,
// models/ and the SQL/asset files copied alongside). `npm start` runs the compiled CLI because the
// tsx loader runs in a thread of its own: ~33 MB of RSS a long-running server need not carry.
// Plain JavaScript on purpose: it must run before anything can load TypeScript.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, 'dist');

/** Every file under `dir`, as paths relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
}

const started = Date.now();
const files = listFiles(SRC);
const sources = files.filter((file) => file.endsWith('.ts'));
rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: sources.map((file) => join(SRC, file)),
  outdir: OUT,
  outbase: SRC,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
for (const file of files.filter((name) => !name.endsWith('.ts'))) cpSync(join(SRC, file), join(OUT, file));
process.stderr.write(`compiled ${sources.length} files to dist/ in ${Date.now() - started} ms\n`);
