import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';
import type { ApiKeyRecord, AuthorRecord } from './profile-types.js';

/** Profile rows both backends select, and their mapping (shared so SQLite and PostgreSQL agree). */

export interface TagRow {
  profile_id: number;
  tag: string;
  brand_id: string;
  confidence: number;
  evidence: string;
  first_seen: number;
  last_seen: number;
  updated_at: number;
}

export interface AuthorRow {
  id: number;
  platform: string;
  platform_id: string;
  handle: string | null;
  name: string | null;
  followers: number | null;
  profile_id: number;
}

/** A change below this is not worth a feed entry unless new evidence arrived (decay drifts slowly). */
export const MIN_CONFIDENCE_CHANGE = 0.05;

export const toAuthor = (r: AuthorRow): AuthorRecord => ({
  id: r.id, platform: r.platform, platformId: r.platform_id, handle: r.handle, name: r.name, followers: r.followers, profileId: r.profile_id,
});

export const toTag = (r: TagRow) => ({
  tag: r.tag, brandId: r.brand_id, confidence: r.confidence, evidence: JSON.parse(r.evidence), firstSeen: r.first_seen, lastSeen: r.last_seen, updatedAt: r.updated_at,
});

/** Keyset cursor over profile ids, opaque to clients. */
export const cursorOf = (id: number) => Buffer.from(`p:${id}`).toString('base64url');

export function decodeProfileCursor(value: string): number {
  const match = /^p:(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError(`cursor: expected a value returned as nextCursor, found "${value.slice(0, 40)}"`);
  return Number(match[1]);
}

export interface KeyRow {
  id: string;
  name: string | null;
  salt: string;
  hash: string;
  scopes: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export const toKeyRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  scopes: JSON.parse(r.scopes),
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/**
 * SHA-256 over a per-key random salt and the secret: a leaked table reveals no usable token. One
 * scheme for both backends, so keys copied by migrate-store still verify.
 */
export function hashSecret(salt: string, secret: string): Buffer {
  return createHash('sha256').update(`${salt}:${secret}`).digest();
}
