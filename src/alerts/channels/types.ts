import { AppError } from '../../errors.js';
import type { AlertDraft } from '../../analytics/alerts/explain.js';
import type { AlertMessage } from '../message.js';
import type { ChannelConfig, ChannelType } from '../schema.js';

/** An HTTP request ready to send (always POST, JSON unless a channel says otherwise). */
export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface BuildContext {
  alert: AlertDraft & { id: number };
  message: AlertMessage;
  channel: ChannelConfig;
  now: Date;
  /** Stable across retries of the same delivery. */
  idempotencyKey: string;
}

/** One chat platform: how to shape and sign a request, and how to read its answer. */
export interface ChannelAdapter {
  type: ChannelType;
  /** The platform's per-robot limit in messages per minute, when it has a documented one. */
  rateLimitPerMinute?: number;
  /** The platform's per-robot burst limit in messages per second (Feishu: 5). */
  rateLimitPerSecond?: number;
  build(ctx: BuildContext): ChannelRequest;
  /** Throws `ChannelError` when the answer is a failure (some platforms answer 200 with an error code). */
  check(status: number, body: string, channelId: string): void;
}

/**
 * A delivery attempt failed. `retryable` failures (network, 5xx, 429, platform rate limits) are
 * retried with backoff; others (bad URL, wrong secret, rejected payload) fail at once so the
 * problem shows up in `koubei alerts list --failed` instead of being retried for hours.
 */
export class ChannelError extends AppError {
  constructor(
    readonly channelId: string,
    message: string,
    readonly retryable: boolean,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super('UPSTREAM', `channel ${channelId}: ${message}`, options);
  }
}

/** The common HTTP status check: 2xx is success, 408/425/429/5xx retryable, other 4xx permanent. */
export function checkHttpStatus(status: number, body: string, channelId: string): void {
  if (status >= 200 && status < 300) return;
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  throw new ChannelError(channelId, `HTTP ${status}: ${body.slice(0, 200)}`, retryable, status);
}

/**
 * Checks the `{code|errcode, msg|errmsg}` answers of Feishu, DingTalk and WeCom, which report
 * errors with HTTP 200. `retryableCodes` are the platform's rate-limit / busy codes.
 */
export function checkJsonCode(status: number, body: string, channelId: string, retryableCodes: number[]): void {
  checkHttpStatus(status, body, channelId);
  let parsed: { code?: number; errcode?: number; msg?: string; errmsg?: string; StatusCode?: number } | null;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  // `null`, `[]` or `1` is no answer of these platforms: retried, never taken for a success.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ChannelError(channelId, `expected a JSON object answer, found "${body.slice(0, 100)}"`, true, status);
  }
  const code = parsed.code ?? parsed.errcode ?? parsed.StatusCode ?? 0;
  if (code === 0) return;
  const retryable = retryableCodes.includes(code);
  throw new ChannelError(channelId, `platform error ${code}: ${parsed.msg ?? parsed.errmsg ?? ''}`, retryable, status);
}

export const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
