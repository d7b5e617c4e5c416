import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { timeFromDigits, type ForeignHistory, type ForeignMigration, type PassedOver, type ToolAdapter } from '../types.js';

/** Diesel's migrations/<YYYY-MM-DD-HHMMSS>_<name>/{up,down}.sql; its version is the prefix without dashes. */
async function read(dir: string): Promise<ForeignHistory> {
  const folders = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const out: ForeignMigration[] = [];
  const passedOver: PassedOver[] = [];
  for (const folder of folders) {
    const up = path.join(dir, folder, 'up.sql');
    if (!existsSync(up)) {
      passedOver.push({ file: path.join(dir, folder), reason: 'a folder without up.sql, which Diesel does not run either; not imported' });
      continue;
    }
    const at = folder.indexOf('_');
    const version = (at === -1 ? folder : folder.slice(0, at)).replace(/-/g, '');
    const down = path.join(dir, folder, 'down.sql');
    out.push({
      id: version,
      name: at === -1 ? folder : folder.slice(at + 1),
      time: timeFromDigits(version),
      up: await readFile(up, 'utf8'),
      down: existsSync(down) ? await readFile(down, 'utf8') : null,
      noTransaction: existsSync(path.join(dir, folder, 'metadata.toml')) && /run_in_transaction\s*=\s*false/.test(await readFile(path.join(dir, folder, 'metadata.toml'), 'utf8')),
      file: up,
    });
  }
  return { migrations: out, passedOver };
}

export const diesel: ToolAdapter = {
  tool: 'diesel',
  read,
  historyTable: '__diesel_schema_migrations',
  appliedSql: 'SELECT version::text AS id FROM __diesel_schema_migrations',
};
