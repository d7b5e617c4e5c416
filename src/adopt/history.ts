import { ensureHistoryTable, recordPhaseFinish, recordPhaseStart } from '../apply/history-table.js';
import { fileChecksum } from '../apply/work.js';
import type { Queryable } from '../db/queryable.js';
import { PHASE_FILES, type NewMigration } from '../migrations/index.js';
import type { ToolAdapter } from './types.js';

/** The ids the tool recorded as applied, or null when its history table is not in the database. */
export async function appliedIds(db: Queryable, adapter: ToolAdapter): Promise<Set<string> | null> {
  const exists = await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [adapter.historyTable]);
  if (exists.rows[0]?.ok !== true) return null;
  const res = await db.query<{ id: string }>(adapter.appliedSql);
  return new Set(res.rows.map((r) => r.id));
}

/**
 * Records migrations as applied in pgtide's history without running them, through the history
 * table's own functions (src/apply/history-table.ts), all in one transaction.
 */
export async function markApplied(db: Queryable, migrations: readonly NewMigration[], at: Date = new Date()): Promise<void> {
  await ensureHistoryTable(db);
  await db.exec('BEGIN');
  try {
    for (const m of migrations) {
      for (const phase of PHASE_FILES) {
        const text = m.files[phase];
        if (text === undefined) continue;
        const key = { version: m.version, name: m.name, phase, checksum: fileChecksum(text), downChecksum: fileChecksum(m.files.down ?? '') };
        await recordPhaseStart(db, key, at);
        await recordPhaseFinish(db, key);
      }
    }
    await db.exec('COMMIT');
  } catch (err) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
