import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('koubei report', () => {
  it('takes epoch milliseconds for --from/--to, as the API does, and names a time it cannot read', async () => {
    const env = { KOUBEI_DB: join(mkdtempSync(join(tmpdir(), 'koubei-report-')), 'k.db') };
    const ok = await runCli(['report', '--brand', 'freshbee', '--from', '1795300000000', '--to', '1795400000000', '--json'], { env });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).current).toMatchObject({ from: new Date(1795300000000).toISOString(), to: new Date(1795400000000).toISOString() });
    for (const value of ['last-tuesday', '20261101', '1763870000']) {
      const bad = await runCli(['report', '--brand', 'freshbee', '--from', value], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(`--from: expected a date like 2026-11-01 or epoch milliseconds, found "${value}"`);
    }
    const year = await runCli(['report', '--brand', 'freshbee', '--from', '2026', '--to', '2026-02-01', '--json'], { env });
    expect(JSON.parse(year.stdout).current.from).toBe('2026-01-01T00:00:00.000Z');
  });

  it('leaves a competitor no stored brand has out of share of voice, as the API report does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-report-'));
    writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ demo: false, brands: [{ id: 'acme', name: 'Acme', competitors: ['ghost'] }] }));
    const result = await runCli(['report', '--brand', 'acme', '--json'], { env: { KOUBEI_CONFIG: join(dir, 'koubei.config.json'), KOUBEI_DB: join(dir, 'k.db') } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).shareOfVoice.map((v: { brandId: string }) => v.brandId)).toEqual(['acme']);
  });
});
