import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { usageError } from '../../errors.js';
import type { ForeignHistory, ForeignMigration, PassedOver, ToolAdapter } from '../types.js';

interface JournalEntry {
  readonly idx: number;
  readonly when: number;
  readonly tag: string;
}

function journalEntries(value: unknown, file: string): JournalEntry[] {
  const entries = (value as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) throw usageError(`${file}: no "entries" list; this is not a drizzle-kit journal.`);
  return entries.map((e: unknown, i) => {
    const entry = e as Partial<JournalEntry>;
    if (typeof entry.tag !== 'string' || typeof entry.when !== 'number') {
      throw usageError(`${file}: entry ${i} has no "tag" and "when"; this is not a drizzle-kit journal.`);
    }
    return { idx: typeof entry.idx === 'number' ? entry.idx : i, when: entry.when, tag: entry.tag };
  });
}

/**
 * drizzle-kit's out folder: meta/_journal.json lists the migrations in order; each is <tag>.sql with
 * statements separated by `--> statement-breakpoint`. Its history records each one's `when`.
 */
async function read(dir: string): Promise<ForeignHistory> {
  const journalFile = path.join(dir, 'meta', '_journal.json');
  if (!existsSync(journalFile)) throw usageError(`${dir} has no meta/_journal.json; point import at drizzle-kit's "out" folder.`);
  let journal: unknown;
  try {
    journal = JSON.parse(await readFile(journalFile, 'utf8'));
  } catch (err) {
    throw usageError(`${journalFile} is not valid JSON: ${err instanceof Error ? err.message : String(err)}.`, err);
  }
  const out: ForeignMigration[] = [];
  for (const entry of journalEntries(journal, journalFile).sort((a, b) => a.idx - b.idx)) {
    const file = path.join(dir, `${entry.tag}.sql`);
    if (!existsSync(file)) throw usageError(`${journalFile} lists ${entry.tag}, but ${file} does not exist.`);
    const sql = (await readFile(file, 'utf8')).split(/-->\s*statement-breakpoint/).map((s) => s.trim()).filter((s) => s.length > 0);
    const up = `${sql.map((s) => (s.endsWith(';') ? s : `${s};`)).join('\n\n')}\n`;
    out.push({ id: String(entry.when), name: entry.tag.replace(/^\d+_/, ''), time: new Date(entry.when), up, down: null, noTransaction: false, file });
  }
  // drizzle-kit migrates only what its journal lists; a .sql file beside them never ran through it.
  const listed = new Set(out.map((m) => path.basename(m.file)));
  const passedOver: PassedOver[] = (await readdir(dir)).filter((f) => f.endsWith('.sql') && !listed.has(f)).sort().map((f) => ({
    file: path.join(dir, f),
    reason: 'not listed in meta/_journal.json, so drizzle-kit never applies it; not imported (add it to the journal, or move its statements into a listed migration, and import again to keep it)',
  }));
  return { migrations: out, passedOver };
}

export const drizzle: ToolAdapter = {
  tool: 'drizzle',
  read,
  historyTable: 'drizzle.__drizzle_migrations',
  appliedSql: 'SELECT created_at::text AS id FROM drizzle.__drizzle_migrations',
};
