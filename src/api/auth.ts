import { randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import type { KeyRepository } from '../store/profile-types.js';

/** Every scope a key can carry; `admin` grants all of them. */
export const SCOPES = ['read:trends', 'read:tags', 'write:authors', 'write:ingest', 'write:brands', 'read:alerts', 'write:alerts', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Route groups by path prefix: the scope for reads (GET/HEAD) and for writes. */
const ROUTE_SCOPES: { prefix: string; read: Scope; write: Scope }[] = [
  { prefix: '/api/authors', read: 'read:tags', write: 'write:authors' },
  { prefix: '/api/segments', read: 'read:tags', write: 'admin' },
  { prefix: '/api/tags', read: 'read:tags', write: 'admin' },
  { prefix: '/api/ingest', read: 'write:ingest', write: 'write:ingest' },
  { prefix: '/api/brands', read: 'read:trends', write: 'write:brands' },
  { prefix: '/api/alerts', read: 'read:alerts', write: 'write:alerts' },
  { prefix: '/api/alert-rules', read: 'read:alerts', write: 'write:alerts' },
  ...['/api/mentions', '/api/trends', '/api/sources', '/api/share-of-voice', '/api/themes', '/api/aspects', '/api/compare', '/api/report']
    .map((prefix) => ({ prefix, read: 'read:trends' as Scope, write: 'admin' as Scope })),
];

/** Open even when keys are required: the API description says how to authenticate. */
const OPEN_PATHS = new Set(['/api/openapi.json']);

/** The scope a request needs; routes nobody listed need `admin`, so a new route is closed until mapped. */
export function requiredScope(method: string, path: string): Scope {
  const group = ROUTE_SCOPES.find((g) => path === g.prefix || path.startsWith(`${g.prefix}/`) || path.startsWith(`${g.prefix}.`));
  if (!group) return 'admin';
  return method === 'GET' || method === 'HEAD' ? group.read : group.write;
}

const TOKEN = /^kb_([0-9a-f]{12})\.([A-Za-z0-9_-]{32,})$/;

/** A new key: public id plus secret, shown once as `kb_<id>.<secret>`. */
export function createApiKeyToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `kb_${id}.${secret}` };
}

export function parseApiKeyToken(token: string): { id: string; secret: string } | null {
  const match = TOKEN.exec(token);
  return match ? { id: match[1], secret: match[2] } : null;
}

function parseBearer(header: string): { id: string; secret: string } | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return bearer ? parseApiKeyToken(bearer) : null;
}

export interface AuthOptions {
  /** When false (the embedded default) every request passes, as before keys existed. */
  required: boolean;
  keys: KeyRepository;
  now: () => Date;
}

/**
 * Bearer API keys with scopes per route group, mounted on `/api/*`. 401 when the key is missing
 * or invalid, 403 when it lacks the scope; the message names what was expected.
 *
 * @example app.use('/api/*', apiKeyAuth({ required: true, keys: store.keys, now }));
 */
export function apiKeyAuth(options: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    if (!options.required || OPEN_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization');
    if (!header || !parseBearer(header)) c.header('WWW-Authenticate', 'Bearer realm="koubei"');
    if (!header) throw new UnauthorizedError('missing API key: send "Authorization: Bearer <key>" (create one with `koubei keys create --scopes …`)');
    const parsed = parseBearer(header);
    if (!parsed) throw new UnauthorizedError('invalid Authorization header: expected "Bearer kb_<id>.<secret>"');
    const key = await options.keys.verify(parsed.id, parsed.secret, options.now().getTime());
    if (!key) {
      c.header('WWW-Authenticate', 'Bearer realm="koubei", error="invalid_token"');
      throw new UnauthorizedError(`invalid API key "kb_${parsed.id}": unknown, wrong secret or revoked`);
    }
    const needed = requiredScope(c.req.method, c.req.path);
    if (!key.scopes.includes(needed) && !key.scopes.includes('admin')) {
      throw new ForbiddenError(`API key "kb_${key.id}" lacks scope "${needed}" for ${c.req.method} ${c.req.path} (it has: ${key.scopes.join(', ') || 'none'})`);
    }
    await next();
  };
}
