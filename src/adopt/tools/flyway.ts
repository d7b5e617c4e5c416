import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../../errors.js';
import { sqlFilesPassedOver, type ForeignHistory, type ForeignMigration, type ToolAdapter } from '../types.js';

const VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const UNDO = /^U(\d+(?:[._]\d+)*)__(.+)\.sql$/;

const normalize = (v: string): string => v.replace(/_/g, '.');

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(BigInt);
  const pb = b.split('.').map(BigInt);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0n;
    const y = pb[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Flyway's V<version>__<description>.sql, in version order, with U<version>__…sql undo files as downs. */
async function read(dir: string): Promise<ForeignHistory> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const repeatable = names.filter((f) => f.startsWith('R__'));
  if (repeatable.length > 0) {
    throw usageError(`${dir} has repeatable migrations (${repeatable.join(', ')}), which rerun whenever they change and have no place in an ordered history. Move their objects into a versioned migration (or a .sql schema file), then import again.`);
  }
  const undo = new Map<string, string>();
  for (const f of names) {
    const m = UNDO.exec(f);
    if (m) undo.set(normalize(m[1]!), f);
  }
  const versioned = names.flatMap((f) => {
    const m = VERSIONED.exec(f);
    return m ? [{ file: f, version: normalize(m[1]!), description: m[2]! }] : [];
  });
  versioned.sort((a, b) => compareVersions(a.version, b.version));
  const out: ForeignMigration[] = [];
  for (const v of versioned) {
    const undoFile = undo.get(v.version);
    out.push({
      id: v.version,
      name: v.description,
      time: null,
      up: await readFile(path.join(dir, v.file), 'utf8'),
      down: undoFile ? await readFile(path.join(dir, undoFile), 'utf8') : null,
      noTransaction: false,
      file: path.join(dir, v.file),
    });
  }
  const taken = new Set(names.filter((f) => VERSIONED.test(f) || UNDO.test(f)));
  return { migrations: out, passedOver: sqlFilesPassedOver(dir, names, taken, "Flyway's V<version>__<description>.sql (or U<version>__… for an undo)") };
}

export const flyway: ToolAdapter = {
  tool: 'flyway',
  read,
  historyTable: 'flyway_schema_history',
  appliedSql: 'SELECT version AS id FROM flyway_schema_history WHERE success AND version IS NOT NULL',
};
