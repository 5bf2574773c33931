import { ValidationError } from '../../errors.js';

/** Keyset cursor over (created_at DESC, id DESC), opaque to clients. */
export interface KeysetCursor {
  createdAt: number;
  id: number;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.createdAt}:${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): KeysetCursor {
  const match = /^(-?\d+):(\d+)$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError(`cursor: expected a value returned as nextCursor, found "${value.slice(0, 40)}"`);
  return { createdAt: Number(match[1]), id: Number(match[2]) };
}
