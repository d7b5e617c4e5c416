import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { splitSections } from '../sections.js';
import { sqlFilesPassedOver, timeFromDigits, type ForeignHistory, type ForeignMigration, type ToolAdapter } from '../types.js';

const FILE = /^(\d+)_(.+)\.sql$/;

/** dbmate's db/migrations/<version>_<name>.sql with `-- migrate:up` / `-- migrate:down` sections. */
async function read(dir: string): Promise<ForeignHistory> {
  const names = await readdir(dir);
  const files = names.flatMap((f) => {
    const m = FILE.exec(f);
    return m ? [{ f, version: m[1]!, name: m[2]! }] : [];
  });
  files.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const out: ForeignMigration[] = [];
  for (const { f, version, name } of files) {
    const file = path.join(dir, f);
    const sections = splitSections(await readFile(file, 'utf8'), file, (line) => {
      const m = /^--\s*migrate:(up|down)\b(.*)$/.exec(line);
      return m ? { section: m[1] === 'up' ? 'up' : 'down', options: m[2]!.trim() } : null;
    });
    out.push({
      id: version,
      name,
      time: timeFromDigits(version),
      up: sections.up,
      down: sections.down,
      noTransaction: /\btransaction:false\b/.test(sections.upOptions),
      file,
    });
  }
  return { migrations: out, passedOver: sqlFilesPassedOver(dir, names, new Set(files.map((x) => x.f)), "dbmate's <version>_<name>.sql") };
}

export const dbmate: ToolAdapter = {
  tool: 'dbmate',
  read,
  historyTable: 'schema_migrations',
  appliedSql: 'SELECT version::text AS id FROM schema_migrations',
};
