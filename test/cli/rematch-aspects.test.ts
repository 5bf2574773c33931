import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';

describe('koubei rematch and aspects', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('re-analyses the aspects of mentions naming a brand added or an alias edited in the config, and says how many changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-rematch-aspects-'));
    dirs.push(dir);
    const db = join(dir, 'k.db');
    const env = { KOUBEI_DB: db, KOUBEI_DEMO: 'false' };
    writeFileSync(join(dir, 'posts.csv'), 'id,text,author,created_at\nbad,鲜蜂外卖太难吃了,amy,2026-11-20T08:00:00Z\nother,Great coffee,bob,2026-11-20T09:00:00Z\n');
    expect((await runCli(['ingest', 'posts.csv'], { env, cwd: dir })).code).toBe(0);
    const aspects = async () => {
      const store = openStore(db);
      const rows = (await store.listMentions({ limit: 10 })).items.find((m) => m.externalId === 'bad')!.aspects;
      await store.close();
      return rows.map((a) => (a as { aspect: string }).aspect);
    };
    expect(await aspects()).toEqual(['delivery', 'taste']);

    const config = (aliases: string[]) => writeFileSync(join(dir, 'koubei.config.json'), JSON.stringify({ brands: [{ id: 'xianfeng', name: 'XianFeng', aliases }] }));
    config(['鲜蜂外卖']);
    const added = await runCli(['rematch'], { env, cwd: dir });
    expect(added.stderr).toContain('rematch: 2 mentions read, 1 with changed brand matches, 1 with changed aspects');
    expect(await aspects()).toEqual(['taste']);

    // 外卖 is in no brand name any more: the mention is delivery again, and stays linked through 鲜蜂.
    config(['鲜蜂']);
    const edited = await runCli(['rematch'], { env, cwd: dir });
    expect(edited.stderr).toContain('rematch: 2 mentions read, 0 with changed brand matches, 1 with changed aspects');
    expect(await aspects()).toEqual(['delivery', 'taste']);
  }, 120_000);
});
