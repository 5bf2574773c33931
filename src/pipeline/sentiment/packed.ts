/**
 * The koubei packed linear-model format (`models/<name>.json` + `models/<name>.bin`), see
 * `lexicons/README.md`. The JSON header names the sections (labels, bucket bits, bias, dense
 * weights, parameters, feature families); the binary file holds, per section, the non-zero hash
 * buckets as LEB128 varint deltas followed by their weights as little-endian int16 (× `step`).
 * At load time each section becomes one Int16Array of `2^bits × labels` weight steps.
 */
import type { FeatureConfig } from './hashed.js';

export interface PackedSectionHeader {
  labels: string[];
  bits: number;
  bias: number[];
  /** Dense (rule) feature → one weight per label. */
  dense: Record<string, number[]>;
  params?: Record<string, number>;
  /** Byte range of the section inside the .bin file, number of non-zero rows, weight step. */
  offset: number;
  bytes: number;
  rows: number;
  step: number;
}

export interface PackedHeader {
  format: 'koubei-linear/2';
  lang: 'zh' | 'en';
  trained: string;
  trainedOn: string[];
  features: FeatureConfig;
  sections: Record<string, PackedSectionHeader>;
}

/**
 * A loaded section: a dense table of `2^bits × cols` weights kept as the int16 steps of the file
 * (weight = table[i] × step), half the memory of float32 and exact to what was shipped.
 */
export interface HashedLinear {
  labels: readonly string[];
  cols: number;
  mask: number;
  table: Int16Array;
  step: number;
  bias: Float64Array;
  /** Dense keys in the order of `denseWeights` rows. */
  denseKeys: readonly string[];
  /** [denseKeyIndex * cols + col] */
  denseWeights: Float64Array;
  params: Readonly<Record<string, number>>;
}

/** Encodes one section's non-zero rows; returns the bytes and the header fields. */
export function encodeSection(
  buckets: ArrayLike<number>,
  values: ArrayLike<number>,
  cols: number,
  step: number,
): { bytes: Uint8Array; rows: number } {
  const rows = buckets.length;
  const out: number[] = [];
  let prev = 0;
  for (let r = 0; r < rows; r++) {
    let d = buckets[r] - prev;
    prev = buckets[r];
    while (d >= 0x80) {
      out.push((d & 0x7f) | 0x80);
      d >>>= 7;
    }
    out.push(d);
  }
  const head = out.length;
  const bytes = new Uint8Array(head + rows * cols * 2);
  bytes.set(out);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < rows * cols; i++) {
    const q = Math.max(-32767, Math.min(32767, Math.round(values[i] / step)));
    view.setInt16(head + i * 2, q, true);
  }
  return { bytes, rows };
}

/** Decodes one section of `bin` into a hashed linear model. */
export function decodeSection(header: PackedSectionHeader, bin: Uint8Array): HashedLinear {
  const cols = header.labels.length;
  const size = 1 << header.bits;
  const table = new Int16Array(size * cols);
  const bytes = bin.subarray(header.offset, header.offset + header.bytes);
  const ids = new Uint32Array(header.rows);
  let p = 0;
  let prev = 0;
  for (let r = 0; r < header.rows; r++) {
    let d = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++];
      d += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    prev += d;
    ids[r] = prev;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + p, header.rows * cols * 2);
  for (let r = 0; r < header.rows; r++) {
    for (let c = 0; c < cols; c++) table[ids[r] * cols + c] = view.getInt16((r * cols + c) * 2, true);
  }
  const denseKeys = Object.keys(header.dense);
  const denseWeights = new Float64Array(denseKeys.length * cols);
  denseKeys.forEach((key, j) => {
    for (let c = 0; c < cols; c++) denseWeights[j * cols + c] = header.dense[key][c] ?? 0;
  });
  return {
    labels: header.labels,
    cols,
    mask: size - 1,
    table,
    step: header.step,
    bias: Float64Array.from(header.bias),
    denseKeys,
    denseWeights,
    params: header.params ?? {},
  };
}

/** A model with no learned weights (rules only), `cols` wide; dense keys not in `dense` weigh 0. */
export function emptyLinear(
  labels: string[], cols: number, bias: number[], denseKeys: readonly string[], dense: Record<string, number[]>,
): HashedLinear {
  const denseWeights = new Float64Array(denseKeys.length * cols);
  denseKeys.forEach((key, j) => {
    for (let c = 0; c < cols; c++) denseWeights[j * cols + c] = dense[key]?.[c] ?? 0;
  });
  return { labels, cols, mask: 0, table: new Int16Array(cols), step: 0, bias: Float64Array.from(bias), denseKeys, denseWeights, params: {} };
}
