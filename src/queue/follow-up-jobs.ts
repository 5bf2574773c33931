import type { Job } from 'bullmq';
import type { Logger } from '../collectors/types.js';
import type { Store } from '../store/types.js';
import { AlertsJobSchema, TagsJobSchema } from './jobs.js';

export interface TagsJobDeps {
  store: Store;
  updateProfiles(profileIds: number[]): Promise<unknown>;
  /** Daily retention purge + full rebuild (`createProfileMaintenance`'s body). */
  maintenance(): Promise<void>;
  /** The set of authors marked by stored batches: read some, then remove those done. */
  pending: { take(count: number): Promise<string[]>; done(members: string[]): Promise<void> };
}

/**
 * Recomputes the profiles of marked authors until none are left, or runs the maintenance.
 * Members leave the set only after their profiles are saved, so a worker dying here loses none:
 * the stalled job runs again and redoes them (a recompute is idempotent). Throws to retry.
 */
export async function processTagsJob(job: Job, deps: TagsJobDeps): Promise<number> {
  const data = TagsJobSchema.parse(job.data);
  if (data.kind === 'maintenance') return deps.maintenance().then(() => 0);
  let done = 0;
  for (let members: string[]; (members = await deps.pending.take(500)).length; ) {
    const keys = members.map((m) => ({ platform: m.slice(0, m.indexOf('\u0000')), platformId: m.slice(m.indexOf('\u0000') + 1) }));
    const ids = await deps.store.profiles.profileIdsFor(keys);
    if (ids.length) await deps.updateProfiles(ids);
    await deps.pending.done(members);
    done += members.length;
  }
  return done;
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
