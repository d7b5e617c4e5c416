import type { Queryable } from '../db/queryable.js';
import { ExitCode, PgtideError } from '../errors.js';
import { FILE_NAMES, folderName, splitStatements, type MigrationFolder, type PlanStep } from '../migrations/index.js';
import type { Hazard, HazardKind } from '../plan/index.js';
import { isBlocked, quoteIdent, quoteQualified, type ScriptOptions } from '../sql/index.js';

/**
 * What a down.sql would destroy, decided from the plan.json steps it reverses rather than from its
 * SQL text: down.sql reverses the expand and migrate steps, so a created table comes back as a
 * DROP TABLE, an added column as a DROP COLUMN. Whether that loses anything depends on the live
 * database, so every candidate is checked there: a drop of an empty table loses nothing.
 */

/** One thing a down.sql does that may lose data, and whether it does on this database. */
export interface DownHazard {
  /** What down.sql does, e.g. `drops table public.users`. */
  readonly what: string;
  readonly hazard: Hazard;
}

type Effect =
  | { readonly kind: 'drop-table'; readonly name: string }
  | { readonly kind: 'drop-column'; readonly name: string }
  | { readonly kind: 'retype-column'; readonly name: string }
  | { readonly kind: 'drop-sequence'; readonly name: string }
  /** down.sql has statements pgtide did not plan, or a step whose object it cannot name. */
  | { readonly kind: 'unknown'; readonly why: string };

/** The object a step's summary names after its verb, e.g. `public.users` of `create table public.users`. */
function named(step: PlanStep, verb: string): string | null {
  return step.summary.startsWith(verb) ? step.summary.slice(verb.length) : null;
}

/** `alter column s.t.c (type, default)`: the column and the fields that changed. */
function alteredColumn(step: PlanStep): { name: string; fields: string[] } | null {
  const rest = named(step, 'alter column ');
  const open = rest?.lastIndexOf(' (') ?? -1;
  if (rest === null || rest === undefined || open < 0 || !rest.endsWith(')')) return null;
  return { name: rest.slice(0, open), fields: rest.slice(open + 2, -1).split(', ') };
}

function effectOf(step: PlanStep, all: readonly PlanStep[]): Effect | null {
  const unnamed: Effect = { kind: 'unknown', why: `plan.json step "${step.summary}" does not name the object it changes` };
  switch (step.change) {
    case 'table.create': {
      const name = named(step, 'create table ');
      return name === null ? unnamed : { kind: 'drop-table', name };
    }
    case 'column.add': {
      const name = named(step, 'add column ');
      return name === null ? unnamed : { kind: 'drop-column', name };
    }
    case 'sequence.create': {
      const name = named(step, 'create sequence ');
      return name === null ? unnamed : { kind: 'drop-sequence', name };
    }
    case 'column.alter': {
      const col = alteredColumn(step);
      if (col === null) return unnamed;
      if (!col.fields.includes('type')) return null;
      // An online type change copies into a shadow column (a batched step); its reverse drops only
      // that copy. A direct change is reversed by casting back, which can cut or round values.
      const online = all.some((s) => s.summary === step.summary && s.batch !== null);
      return online ? null : { kind: 'retype-column', name: col.name };
    }
    default:
      // Every other reverse drops or restores objects that hold no rows of their own.
      return null;
  }
}

/** The effects of a folder's down.sql that may lose data, before looking at the database. */
export function downEffects(folder: MigrationFolder): Effect[] {
  const down = folder.files.down ?? '';
  if (splitStatements(down, `${folderName(folder)}/${FILE_NAMES.down}`).length === 0) return [];
  const steps = (folder.plan?.steps ?? []).filter((s) => s.phase !== 'contract');
  if (steps.length === 0) {
    return [{ kind: 'unknown', why: `it was not planned by pgtide (${folder.plan ? 'plan.json has no expand or migrate steps' : 'the folder has no plan.json'}), so pgtide cannot tell what it removes` }];
  }
  const seen = new Set<string>();
  const out: Effect[] = [];
  for (const step of steps) {
    const effect = effectOf(step, steps);
    if (effect === null) continue;
    const key = JSON.stringify(effect);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(effect);
  }
  return out;
}

interface Found {
  readonly schema: string;
  readonly table: string;
  readonly column: string | null;
}

/** Live tables or columns whose display name (`schema.table[.column]`) is one of `names`. */
async function findLive(db: Queryable, names: readonly string[], columns: boolean): Promise<Map<string, Found[]>> {
  const out = new Map<string, Found[]>();
  if (names.length === 0) return out;
  const res = columns
    ? await db.query<{ schema: string; table: string; column: string; display: string }>(
      `SELECT n.nspname AS schema, c.relname AS table, a.attname AS column, n.nspname || '.' || c.relname || '.' || a.attname AS display
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND n.nspname || '.' || c.relname || '.' || a.attname = ANY($1::text[])`,
      [names],
    )
    : await db.query<{ schema: string; table: string; column: null; display: string }>(
      `SELECT n.nspname AS schema, c.relname AS table, NULL AS column, n.nspname || '.' || c.relname AS display
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND n.nspname || '.' || c.relname = ANY($1::text[])`,
      [names],
    );
  for (const r of res.rows) out.set(r.display, [...(out.get(r.display) ?? []), { schema: r.schema, table: r.table, column: r.column }]);
  return out;
}

async function holdsData(db: Queryable, f: Found): Promise<boolean> {
  const where = f.column === null ? '' : ` WHERE ${quoteIdent(f.column)} IS NOT NULL`;
  const res = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteQualified(f.schema, f.table)}${where}) AS any`);
  return res.rows[0]?.any === true;
}

async function usedSequences(db: Queryable, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const res = await db.query<{ display: string }>(
    `SELECT schemaname || '.' || sequencename AS display FROM pg_sequences
     WHERE last_value IS NOT NULL AND schemaname || '.' || sequencename = ANY($1::text[])`,
    [names],
  );
  return new Set(res.rows.map((r) => r.display));
}

const loss = (what: string, risk: Hazard['risk'], reason: string): DownHazard => ({ what, hazard: { kind: 'data-loss', risk, reason } });

/**
 * The data a folder's down.sql would lose on this database. An object that is not there loses
 * nothing (its statement fails and stops the rollback before anything is recorded).
 */
export async function downHazards(db: Queryable, folder: MigrationFolder): Promise<DownHazard[]> {
  const effects = downEffects(folder);
  const names = (kind: Exclude<Effect['kind'], 'unknown'>): string[] => effects.flatMap((e) => (e.kind === kind && 'name' in e ? [e.name] : []));
  const tables = await findLive(db, names('drop-table'), false);
  const columns = await findLive(db, [...names('drop-column'), ...names('retype-column')], true);
  const sequences = await usedSequences(db, names('drop-sequence'));
  const out: DownHazard[] = [];
  for (const e of effects) {
    switch (e.kind) {
      case 'drop-table':
        for (const f of tables.get(e.name) ?? []) {
          if (await holdsData(db, f)) out.push(loss(`drops table ${e.name}`, 'high', 'the table holds rows, and they are deleted with it'));
        }
        break;
      case 'drop-column':
        for (const f of columns.get(e.name) ?? []) {
          if (await holdsData(db, f)) out.push(loss(`drops column ${e.name}`, 'high', 'the column holds values, and they are deleted with it'));
        }
        break;
      case 'retype-column':
        for (const f of columns.get(e.name) ?? []) {
          if (await holdsData(db, f)) out.push(loss(`changes the type of column ${e.name} back`, 'medium', 'the cast back can cut or round values that only the new type can hold'));
        }
        break;
      case 'drop-sequence':
        if (sequences.has(e.name)) out.push(loss(`drops sequence ${e.name}`, 'medium', 'the sequence has been used, and its position is lost'));
        break;
      case 'unknown':
        out.push(loss('may remove anything', 'high', `${e.why}; it counts as data loss until reviewed`));
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
  }
  return out;
}

/** The hazards `allow` does not approve. */
export function unapproved(hazards: readonly DownHazard[], allow: ScriptOptions['allowHazards']): DownHazard[] {
  return hazards.filter((h) => isBlocked({ hazards: [h.hazard] }, allow));
}

export function formatDownHazards(hazards: readonly DownHazard[]): string[] {
  return hazards.map((h) => `  - ${FILE_NAMES.down} ${h.what}: ${h.hazard.kind} (${h.hazard.risk}): ${h.hazard.reason}`);
}

/** Exit 4: the rollback would lose data nobody approved; nothing has run. */
export function rollbackGateError(migration: string, blocked: readonly DownHazard[]): PgtideError {
  const kinds = [...new Set<HazardKind>(blocked.map((h) => h.hazard.kind))].sort().join(',');
  return new PgtideError(
    `Rolling back ${migration} would lose data, so nothing was run:\n${formatDownHazards(blocked).join('\n')}\nReview ${migration}/${FILE_NAMES.down} ("pgtide rollback --dry-run" prints it), back up what you need, then approve with --allow-hazards ${kinds}.`,
    ExitCode.hazard,
  );
}
