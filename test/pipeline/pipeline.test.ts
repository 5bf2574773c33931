import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import type { PipelineComponent } from '../../src/pipeline/types.js';

const normalized: PipelineComponent = { name: 'norm', requires: [], assigns: ['normalized'], run: (d) => ({ ...d, normalized: d.text.trim() }) };
const tokens: PipelineComponent = {
  name: 'tok',
  requires: ['normalized'],
  assigns: ['tokens'],
  run: (d) => ({ ...d, tokens: d.normalized!.split(' ') }),
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

  it('records a failing component and skips the ones that needed its output', () => {
    const { doc, failures } = createPipeline([exploding, tokens]).run({ text: 'x' });
    expect(doc.tokens).toBeUndefined();
    expect(failures).toEqual([
      { component: 'boom', message: 'bad input' },
      { component: 'tok', message: expect.stringContaining('skipped') },
    ]);
  });
});
