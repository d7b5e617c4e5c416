import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { timeFromDigits, type ForeignHistory, type ForeignMigration, type PassedOver, type ToolAdapter } from '../types.js';

/** prisma/migrations/<YYYYMMDDHHMMSS>_<name>/migration.sql; Prisma writes no down migrations. */
async function read(dir: string): Promise<ForeignHistory> {
  const out: ForeignMigration[] = [];
  const passedOver: PassedOver[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const file = path.join(dir, entry, 'migration.sql');
    if (!existsSync(file)) {
      passedOver.push({ file: path.join(dir, entry), reason: 'a folder without migration.sql, which Prisma does not apply either; not imported' });
      continue;
    }
    const m = /^(\d{14})_(.+)$/.exec(entry);
    out.push({ id: entry, name: m?.[2] ?? entry, time: m ? timeFromDigits(m[1]!) : null, up: await readFile(file, 'utf8'), down: null, noTransaction: false, file });
  }
  return { migrations: out, passedOver };
}

export const prisma: ToolAdapter = {
  tool: 'prisma',
  read,
  historyTable: '_prisma_migrations',
  appliedSql: 'SELECT migration_name AS id FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
};
