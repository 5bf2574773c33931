import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db.js';
import type { KeyRepository } from '../profile-types.js';
import { hashSecret, toKeyRecord, type KeyRow } from '../profile-rows.js';

/**
 * API keys stored as salt + hash. Tokens are high-entropy random strings, so one salted SHA-256 is
 * enough (a slow password hash protects guessable secrets, which these are not).
 */
export function createKeyRepository(db: Db): KeyRepository {
  const q = {
    insert: db.prepare('INSERT INTO api_keys (id, name, salt, hash, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    get: db.prepare('SELECT * FROM api_keys WHERE id = ?'),
    list: db.prepare('SELECT * FROM api_keys ORDER BY created_at, id'),
    used: db.prepare('UPDATE api_keys SET last_used_at = ? WHERE id = ?'),
    revoke: db.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
  };
  return {
    create: async (input, at) => {
      const salt = randomBytes(16).toString('hex');
      q.insert.run(input.id, input.name, salt, hashSecret(salt, input.secret).toString('hex'), JSON.stringify(input.scopes), at);
      return toKeyRecord(q.get.get(input.id) as KeyRow);
    },
    verify: async (id, secret, at) => {
      const row = q.get.get(id) as KeyRow | undefined;
      if (!row || row.revoked_at !== null) return undefined;
      const expected = Buffer.from(row.hash, 'hex');
      if (!timingSafeEqual(expected, hashSecret(row.salt, secret))) return undefined;
      q.used.run(at, id);
      return toKeyRecord(row);
    },
    list: async () => (q.list.all() as KeyRow[]).map(toKeyRecord),
    revoke: async (id, at) => q.revoke.run(at, id).changes > 0,
  };
}
