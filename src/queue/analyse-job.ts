import type { Job } from 'bullmq';
import type { RawPost } from '../domain.js';
import { ingestPosts, type IngestDeps, type IngestSummary } from '../jobs/ingest.js';
import { AnalyseJobSchema } from './jobs.js';
import { enqueueAlertCheck, markAuthorsForTags, type QueueSet } from './queues.js';

export interface AnalyseJobDeps {
  /** The runtime's ingest deps; its `onStored` is replaced by a tag-update job. */
  ingest: IngestDeps;
  queues: QueueSet;
  /** Brings the brand matcher up to date with the store, at most every few seconds (`createBrandRefresh`). */
  refreshBrands: () => Promise<void>;
}

/**
 * Analyses one batch with the current brands and stores it in one transaction (`ingestPosts`), then
 * marks its authors for a profile update and requests an alert check (both debounced). Safe to run
 * twice: `saveMentions` upserts by (source, external id), so a batch re-run after a crash reports the
 * posts as unchanged and the rollups are not touched again; marking authors twice is a set add.
 */
export async function processAnalyseJob(job: Job, deps: AnalyseJobDeps): Promise<IngestSummary> {
  const { platform, posts } = AnalyseJobSchema.parse(job.data);
  await deps.refreshBrands();
  const onStored = async (stored: RawPost[]) => {
    const authorIds = [...new Set(stored.flatMap((p) => (p.author ? [p.author.id] : [])))];
    await markAuthorsForTags(deps.queues, platform, authorIds);
  };
  const summary = await ingestPosts(posts, platform, { ...deps.ingest, onStored }, { batchSize: Math.max(posts.length, 1) });
  await enqueueAlertCheck(deps.queues, `stored ${job.id}`);
  return summary;
}
