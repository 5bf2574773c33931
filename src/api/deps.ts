import type { RawPost } from '../domain.js';
import type { IngestSummary } from '../jobs/ingest.js';
import type { Store } from '../store/types.js';
import type { ProfileService } from '../jobs/update-profiles.js';

/** Everything the HTTP layer needs, injected by the composition root (or a test). */
export interface ApiDeps {
  store: Store;
  /** Splits a search query into the same tokens the store indexed (jieba for Chinese). */
  searchTerms: (query: string) => string[];
  /** Analyses and stores pushed posts under a source id; a ConflictError when the id takes no pushes (see `openPushTarget`). */
  ingest: (posts: RawPost[], sourceId: string) => Promise<IngestSummary>;
  /** Next scheduled run per source id, when a scheduler runs in this process. */
  nextRuns?: () => Map<string, Date | null>;
  /** Called after brands change through the API, so new mentions are matched with them. */
  onBrandsChanged?: () => Promise<void>;
  /**
   * Ids of the brands the config file defines. Every start writes them back to the store, so an API
   * edit or deletion of one would be silently undone at the next restart: the API refuses it.
   */
  configBrandIds?: ReadonlySet<string>;
  ingestMaxBytes: number;
  /** Profile jobs (link, erase); a default over `store` when absent. */
  profiles?: ProfileService;
  /** API key enforcement on /api routes; off when absent (the embedded default). */
  auth?: { required: boolean };
  now: () => Date;
  log: (msg: string, fields: Record<string, unknown>) => void;
  version: string;
}
