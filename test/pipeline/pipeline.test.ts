import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import type { PipelineComponent } from '../../src/pipeline/types.js';

const normalized: PipelineComponent = { name: 'norm', requires: [], assigns: ['normalized'], run: (d) => ({ normalized: d.text.trim() }) };
const tokens: PipelineComponent = {
  name: 'tok',
  requires: ['normalized'],
  assigns: ['tokens'],
  run: (d) => ({ tokens: d.normalized!.split(' ') }),
};
const exploding: PipelineComponent = {
  name: 'boom',
  requires: [],
  assigns: ['normalized'],
  run: () => {
    throw new Error('bad input');
  },
};

describe('createPipeline', () => {
  it('rejects at start-up a component whose requirement no earlier component assigns', () => {
    expect(() => createPipeline([tokens, normalized])).toThrow('pipeline: "tok" requires "normalized", but no earlier component assigns it');
  });

  it('rejects a component listed twice', () => {
    expect(() => createPipeline([normalized, normalized])).toThrow(/appears twice/);
  });

  it('runs components in order', () => {
    expect(createPipeline([normalized, tokens]).run({ text: ' a b ' }).doc.tokens).toEqual(['a', 'b']);
  });

  it('copies only the fields a component assigns and leaves the input alone', () => {
    const sloppy: PipelineComponent = { name: 'sloppy', requires: [], assigns: ['normalized'], run: (d) => ({ normalized: d.text, lang: 'en' }) };
    const input = { text: 'x' };
    expect(createPipeline([sloppy]).run(input).doc).toEqual({ text: 'x', normalized: 'x' });
    expect(input).toEqual({ text: 'x' });
  });

  it('records a failing component and skips the ones that needed its output', () => {
    const { doc, failures } = createPipeline([exploding, tokens]).run({ text: 'x' });
    expect(doc.tokens).toBeUndefined();
    expect(failures).toEqual([
      { component: 'boom', message: 'bad input' },
      { component: 'tok', message: expect.stringContaining('skipped') },
    ]);
  });
});
