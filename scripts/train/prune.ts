/**
 * Prunes a packed koubei linear model (`models/<name>.json` + `.bin`) in place: drops hash buckets
 * whose largest |weight| is below a threshold and re-quantises the rest. The training scripts
 * already prune when they write; this re-prunes a shipped model to trade accuracy for size.
 *
 *   node bin/run-ts.js scripts/train/prune.ts models/sentiment-zh 0.1 [section]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { decodeSection, encodeSection, type PackedHeader } from '../../src/pipeline/sentiment/packed.js';

const [base, thresholdArg, only] = process.argv.slice(2);
const threshold = Number(thresholdArg);
if (!base || !Number.isFinite(threshold)) {
  process.stderr.write('usage: prune.ts models/<name> THRESHOLD [section]\n');
  process.exit(2);
}
const header = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as PackedHeader;
const bin = new Uint8Array(readFileSync(`${base}.bin`));
const parts: Uint8Array[] = [];
let offset = 0;
for (const [name, section] of Object.entries(header.sections)) {
  const model = decodeSection(section, bin);
  const limit = only && only !== name ? 0 : threshold;
  const cols = model.cols;
  const buckets: number[] = [];
  const values: number[] = [];
  for (let b = 0; b <= model.mask; b++) {
    let big = 0;
    for (let c = 0; c < cols; c++) big = Math.max(big, Math.abs(model.table[b * cols + c] * model.step));
    if (big === 0 || big < limit) continue;
    buckets.push(b);
    for (let c = 0; c < cols; c++) values.push(model.table[b * cols + c] * model.step);
  }
  const { bytes, rows } = encodeSection(buckets, values, cols, section.step);
  process.stderr.write(`${name}: kept ${rows}/${section.rows} buckets (|w| ≥ ${limit})\n`);
  header.sections[name] = { ...section, offset, bytes: bytes.length, rows };
  parts.push(bytes);
  offset += bytes.length;
}
const out = new Uint8Array(offset);
let at = 0;
for (const p of parts) {
  out.set(p, at);
  at += p.length;
}
writeFileSync(`${base}.bin`, out);
writeFileSync(`${base}.json`, `${JSON.stringify(header, null, 1)}\n`);
process.stderr.write(`wrote ${base}.{json,bin}: ${out.length} bytes\n`);
