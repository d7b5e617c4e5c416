import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { splitSections } from '../sections.js';
import { sqlFilesPassedOver, timeFromDigits, type ForeignHistory, type ForeignMigration, type ToolAdapter } from '../types.js';

const FILE = /^(\d+)_(.+)\.sql$/;

/** goose's <version>_<name>.sql with `-- +goose Up` / `-- +goose Down` sections. */
async function read(dir: string): Promise<ForeignHistory> {
  const names = await readdir(dir);
  const files = names.flatMap((f) => {
    const m = FILE.exec(f);
    return m ? [{ f, version: BigInt(m[1]!), digits: m[1]!, name: m[2]! }] : [];
  });
  files.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  const out: ForeignMigration[] = [];
  for (const { f, version, digits, name } of files) {
    const file = path.join(dir, f);
    const text = await readFile(file, 'utf8');
    const sections = splitSections(
      text,
      file,
      (line) => {
        const m = /^--\s*\+goose\s+(Up|Down)\b/i.exec(line);
        return m ? { section: m[1]!.toLowerCase() === 'up' ? 'up' : 'down', options: '' } : null;
      },
      (line) => /^--\s*\+goose\s+(StatementBegin|StatementEnd|NO TRANSACTION|ENVSUB)/i.test(line),
    );
    out.push({
      id: version.toString(),
      name,
      time: timeFromDigits(digits),
      up: sections.up,
      down: sections.down,
      noTransaction: /^--\s*\+goose\s+NO TRANSACTION/im.test(text),
      file,
    });
  }
  return { migrations: out, passedOver: sqlFilesPassedOver(dir, names, new Set(files.map((x) => x.f)), "goose's <version>_<name>.sql") };
}

export const goose: ToolAdapter = {
  tool: 'goose',
  read,
  historyTable: 'goose_db_version',
  appliedSql: `SELECT version_id::text AS id FROM (
      SELECT DISTINCT ON (version_id) version_id, is_applied FROM goose_db_version ORDER BY version_id, id DESC) latest
    WHERE is_applied AND version_id > 0`,
};
