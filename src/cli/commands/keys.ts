import { parseArgs } from 'node:util';
import { createApiKeyToken, SCOPES } from '../../api/auth.js';
import { loadConfig } from '../../config.js';
import { COLLECTORS } from '../../collectors/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import type { CliCommand, CliIo } from '../types.js';
import { noExtraArguments, UsageError } from '../options.js';

async function withStore<T>(io: CliIo, run: (store: Store) => Promise<T>): Promise<T> {
  const store = openStore(loadConfig({ env: io.env, collectors: COLLECTORS }));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

function parseScopes(value: string | undefined): string[] {
  const scopes = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!scopes.length) throw new UsageError(`--scopes: expected a comma-separated list of ${SCOPES.join(', ')}`);
  const bad = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (bad.length) throw new UsageError(`--scopes: unknown scope ${bad.map((s) => `"${s}"`).join(', ')} (known: ${SCOPES.join(', ')})`);
  return [...new Set(scopes)];
}

const iso = (ms: number | null) => (ms ? new Date(ms).toISOString() : '-');

/** `koubei keys create|list|revoke`: API keys for the HTTP API, stored as salted SHA-256 hashes. */
export const keysCommand: CliCommand = {
  name: 'keys',
  summary: 'API keys: create (prints the key once), list, revoke',
  usage: `koubei keys create --scopes ${SCOPES.slice(0, 3).join(',')},… [--name NAME] | koubei keys list | koubei keys revoke ID`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { scopes: { type: 'string' }, name: { type: 'string' } } });
    const [action, id] = positionals;
    noExtraArguments(positionals, action === 'revoke' ? 2 : 1);
    if (action === 'create') {
      const scopes = parseScopes(values.scopes);
      const key = createApiKeyToken();
      await withStore(io, (store) => store.keys.create({ id: key.id, name: values.name ?? null, scopes, secret: key.secret }, Date.now()));
      io.stdout.write(`${key.token}\n`);
      io.stderr.write(`created key kb_${key.id} with scopes ${scopes.join(', ')}. Store it now: it is not shown again. Send it as "Authorization: Bearer <key>".\n`);
      return 0;
    }
    if (action === 'list') {
      const keys = await withStore(io, (store) => store.keys.list());
      if (keys.length === 0) io.stdout.write('no API keys yet (koubei keys create --scopes …)\n');
      for (const k of keys) {
        io.stdout.write(`kb_${k.id}  ${k.revokedAt ? 'revoked' : 'active '}  ${k.name ?? '-'}  ${k.scopes.join(',')}  created ${iso(k.createdAt)}  last used ${iso(k.lastUsedAt)}\n`);
      }
      return 0;
    }
    if (action === 'revoke' && id) {
      const revoked = await withStore(io, (store) => store.keys.revoke(id.replace(/^kb_/, '').split('.')[0], Date.now()));
      io.stdout.write(revoked ? `revoked ${id}\n` : '');
      if (!revoked) io.stderr.write(`koubei keys: no active key "${id}"\n`);
      return revoked ? 0 : 1;
    }
    io.stderr.write(`usage: ${keysCommand.usage}\n`);
    return 2;
  },
};
