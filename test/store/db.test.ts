import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrateDb, openDb } from '../../src/store/db.js';

describe('openDb', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('migrates an empty file to the latest version and reports nothing left to apply', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-db-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'k.db');
    const db = openDb(path, { migrate: false });
    expect(migrateDb(db)).toEqual(listMigrations().map((m) => m.version));
    expect(migrateDb(db)).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['mentions', 'analyses', 'authors', 'sources', 'collector_runs', 'brands']));
    db.close();
  });

  it('keeps data across reopen without re-running migrations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-db-'));
    dirs.push(dir);
    const path = join(dir, 'k.db');
    const first = openDb(path);
    first.prepare("INSERT INTO sources (id, type, created_at) VALUES ('s', 'demo', 1)").run();
    first.close();
    const second = openDb(path);
    expect(second.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    second.close();
  });

  it('rolls back a failing migration so the schema version and tables stay as they were', () => {
    const db = openDb(':memory:');
    const version = db.pragma('user_version', { simple: true }) as number;
    const broken = { version: version + 1, name: 'broken.sql', sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' };
    expect(() => migrateDb(db, [...listMigrations(), broken])).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(version);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });
});
