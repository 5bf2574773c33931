import type { Doc } from '../domain.js';
import type { ComponentFailure, DocField, PipelineComponent } from './types.js';

export interface PipelineRun {
  doc: Doc;
  failures: ComponentFailure[];
}

export interface Pipeline {
  names: string[];
  run(input: Doc): PipelineRun;
}

/**
 * Checks at start-up that every component's `requires` is assigned by an earlier component, then
 * returns a runner. A component that throws is recorded and skipped; components that need its
 * output are skipped too, so one bad document never stops a batch.
 *
 * @example
 * const pipeline = createPipeline([normalize, detectLanguage, segment]);
 * const { doc, failures } = pipeline.run({ text: '好吃！' });
 */
export function createPipeline(components: PipelineComponent[]): Pipeline {
  assertOrder(components);
  return {
    names: components.map((c) => c.name),
    run: (input) => runComponents(components, input),
  };
}

function assertOrder(components: PipelineComponent[]): void {
  const assigned = new Set<DocField>();
  const seen = new Set<string>();
  for (const component of components) {
    if (seen.has(component.name)) throw new Error(`pipeline: component "${component.name}" appears twice`);
    seen.add(component.name);
    for (const field of component.requires) {
      if (!assigned.has(field)) {
        throw new Error(
          `pipeline: "${component.name}" requires "${field}", but no earlier component assigns it (order: ${[...seen].join(' → ')})`,
        );
      }
    }
    for (const field of component.assigns) assigned.add(field);
  }
}

function runComponents(components: PipelineComponent[], input: Doc): PipelineRun {
  let doc = input;
  const failures: ComponentFailure[] = [];
  for (const component of components) {
    if (component.requires.some((field) => doc[field] === undefined)) {
      failures.push({ component: component.name, message: 'skipped: a required field is missing after an earlier failure' });
      continue;
    }
    try {
      doc = component.run(doc);
    } catch (err) {
      failures.push({ component: component.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { doc, failures };
}
