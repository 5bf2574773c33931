import { randomBytes, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';
import type { KeyRepository } from '../profile-types.js';
import { hashSecret, toKeyRecord, type KeyRow } from '../profile-rows.js';
import { query, queryOne } from './pool.js';

/** API keys on Postgres: salted hashes only, the secret is never stored. */
export function createPgKeyRepository(pool: pg.Pool): KeyRepository {
  const get = (id: string) => queryOne<KeyRow>(pool, 'SELECT * FROM api_keys WHERE id = $1', [id], 'koubei_key_get');
  return {
    create: async (input, at) => {
      const salt = randomBytes(16).toString('hex');
      await query(pool, 'INSERT INTO api_keys (id, name, salt, hash, scopes, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [input.id, input.name, salt, hashSecret(salt, input.secret).toString('hex'), JSON.stringify(input.scopes), at]);
      return toKeyRecord((await get(input.id))!);
    },
    verify: async (id, secret, at) => {
      const row = await get(id);
      if (!row || row.revoked_at !== null) return undefined;
      if (!timingSafeEqual(Buffer.from(row.hash, 'hex'), hashSecret(row.salt, secret))) return undefined;
      await query(pool, 'UPDATE api_keys SET last_used_at = $1 WHERE id = $2', [at, id], 'koubei_key_used');
      return toKeyRecord(row);
    },
    list: async () => (await query<KeyRow>(pool, 'SELECT * FROM api_keys ORDER BY created_at, id COLLATE "C"')).map(toKeyRecord),
    revoke: async (id, at) => ((await pool.query('UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id])).rowCount ?? 0) > 0,
  };
}
