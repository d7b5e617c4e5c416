import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { driftProject } from '../../src/api/drift.js';
import { loadProject } from '../../src/api/project.js';
import { readMigrations } from '../../src/migrations/index.js';
import { apply, ENGINES, MIXED, ORDERS, useTemp, writeProject } from './helpers.js';

const temp = useTemp();

describe.each(ENGINES)('drift on $name', (engine) => {
  it.skipIf(engine.skip)('is clean after apply, and names each hand-made change', async () => {
    const root = await temp();
    const config = await writeProject(root, [...MIXED, ORDERS], 'CREATE SCHEMA app;\n');
    const project = await loadProject(config);
    const target = await engine.create(temp);
    try {
      const db = await target.open();
      try {
        await apply(db, project.migrationsDir, await readMigrations(project.migrationsDir), { phase: 'expand' });
      } finally {
        await db.close();
      }
      const clean = await driftProject(project, { database: target.spec });
      expect(clean.drift).toEqual([]);
      expect(clean.phases).toBe(3);

      const hand = await target.open();
      try {
        await hand.exec(`
          CREATE INDEX orders_qty_idx ON app.orders (qty);
          ALTER TABLE app.orders DROP COLUMN note;
          ALTER TABLE app.orders ALTER COLUMN qty SET DEFAULT 2;
          CREATE TABLE app.sneaky (id int);
          ALTER TABLE app.orders DROP CONSTRAINT orders_qty_check, ADD CONSTRAINT orders_qty_check CHECK (qty > 1);`);
      } finally {
        await hand.close();
      }
      const report = await driftProject(project, { database: target.spec });
      const lines = report.drift.map((d) => `${d.kind}: ${d.description}`).sort();
      expect(lines).toEqual([
        'added: create index app.orders_qty_idx',
        'added: create table app.sneaky',
        'changed: alter column app.orders.qty (default)',
        'changed: replace constraint orders_qty_check on app.orders',
        'removed: drop column app.orders.note',
      ].sort());
    } finally {
      await target.drop();
    }
  });
});

const PGCRYPTO = {
  version: '20260104T000000Z',
  name: 'pgcrypto',
  files: { expand: 'CREATE EXTENSION pgcrypto WITH SCHEMA app;\n', down: 'DROP EXTENSION pgcrypto;\n' },
};

describe.each(ENGINES)('drift of extension versions on $name', (engine) => {
  // The history is replayed in PGlite (PostgreSQL 18, pgcrypto 1.4); PostgreSQL 15 installs 1.3.
  it.skipIf(engine.skip)('is clean when each side holds its engine\'s default version, and reports both', async () => {
    const root = await temp();
    const config = await writeProject(root, [...MIXED, PGCRYPTO], 'CREATE SCHEMA app;\n');
    const project = await loadProject(config);
    const target = await engine.create(temp);
    try {
      const db = await target.open();
      try {
        await apply(db, project.migrationsDir, await readMigrations(project.migrationsDir), { phase: 'expand' });
      } finally {
        await db.close();
      }
      const report = await driftProject(project, { database: target.spec });
      expect(report.drift).toEqual([]);
      if (engine.name === 'postgres') expect(report.engineVersions).toEqual([{ extension: 'pgcrypto', expected: '1.4', live: '1.3' }]);
      else expect(report.engineVersions).toEqual([]);
    } finally {
      await target.drop();
    }
  });
});
