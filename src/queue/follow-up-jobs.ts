import type { Job } from 'bullmq';
import type { Logger } from '../collectors/types.js';
import type { Store } from '../store/types.js';
import { AlertsJobSchema, TagsJobSchema } from './jobs.js';

export interface TagsJobDeps {
  store: Store;
  updateProfiles(profileIds: number[]): Promise<unknown>;
  /** Daily retention purge + full rebuild (`createProfileMaintenance`'s body). */
  maintenance(): Promise<void>;
}

/** Profile tags for the authors of a stored batch, or the daily maintenance. Throws to retry. */
export async function processTagsJob(job: Job, deps: TagsJobDeps): Promise<void> {
  const data = TagsJobSchema.parse(job.data);
  if (data.kind === 'maintenance') return deps.maintenance();
  const ids = await deps.store.profiles.profileIdsFor(data.authorIds.map((platformId) => ({ platform: data.platform, platformId })));
  if (ids.length) await deps.updateProfiles(ids);
}

export interface AlertsJobDeps {
  check(): Promise<{ alerts: unknown[] }>;
  deliver(): Promise<{ sent: number; retried: number; failed: number; deferred: number }>;
  log: Logger;
}

/**
 * Evaluates alert rules, then sends what is due in the outbox. Unlike the single-process hook,
 * errors are thrown so BullMQ retries the job; stored alerts are not re-created by a retry because
 * the alert state (cooldowns) is saved with them.
 */
export async function processAlertsJob(job: Job, deps: AlertsJobDeps): Promise<void> {
  AlertsJobSchema.parse(job.data);
  const checked = await deps.check();
  const delivered = await deps.deliver();
  if (checked.alerts.length || delivered.sent || delivered.failed) deps.log.info('alerts job', { alerts: checked.alerts.length, ...delivered });
}
