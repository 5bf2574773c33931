import type { Doc } from '../domain.js';

/** Fields a component may declare as required or assigned. */
export type DocField = Exclude<keyof Doc, 'text' | 'declaredLang'>;

/**
 * One named stage over a document. `run` is pure: it returns a new Doc with its `assigns`
 * fields set and never performs I/O (resources arrive through the component's factory).
 */
export interface PipelineComponent {
  name: string;
  requires: DocField[];
  assigns: DocField[];
  run(doc: Doc): Doc;
}

/** A component failure recorded for one document; the remaining documents are unaffected. */
export interface ComponentFailure {
  component: string;
  message: string;
}
