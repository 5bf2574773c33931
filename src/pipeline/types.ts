import type { Doc } from '../domain.js';

/** Fields a component may declare as required or assigned. */
export type DocField = Exclude<keyof Doc, 'text' | 'declaredLang'>;

/**
 * One named stage over a document. `run` is pure: it returns the values of its `assigns` fields
 * (the pipeline copies exactly those onto the document it builds), never changes `doc` and never
 * performs I/O (resources arrive through the component's factory). Returning the fields instead
 * of a copy of the whole document spares one object copy per component and post.
 */
export interface PipelineComponent {
  name: string;
  requires: DocField[];
  assigns: DocField[];
  run(doc: Readonly<Doc>): Partial<Doc>;
}

/** A component failure recorded for one document; the remaining documents are unaffected. */
export interface ComponentFailure {
  component: string;
  message: string;
}
