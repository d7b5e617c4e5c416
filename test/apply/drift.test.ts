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
