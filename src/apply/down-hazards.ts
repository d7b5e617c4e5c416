import type { Queryable } from '../db/queryable.js';
import { ExitCode, PgtideError } from '../errors.js';
import { FILE_NAMES, folderName, splitStatements, type MigrationFolder, type PlanStep, type PlanTarget } from '../migrations/index.js';
import { isBlocked, type HazardApproval } from '../plan/gate.js';
import type { Hazard, HazardKind } from '../plan/index.js';
import { quoteIdent, quoteQualified } from '../sql/index.js';
import { commentQualified } from '../sql/ident.js';

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
  | { readonly kind: 'drop-table'; readonly target: PlanTarget }
  | { readonly kind: 'drop-column'; readonly target: PlanTarget }
  | { readonly kind: 'retype-column'; readonly target: PlanTarget }
  | { readonly kind: 'drop-sequence'; readonly target: PlanTarget }
  /** down.sql has statements pgtide did not plan, or a step whose object plan.json does not record. */
  | { readonly kind: 'unknown'; readonly why: string };

/** `schema.table[.column]` for messages only (never SQL, never a lookup key), quoted where a name needs it. */
const shown = (t: PlanTarget): string => commentQualified(t.schema, t.name, ...(t.column === undefined ? [] : [t.column]));

function effectOf(step: PlanStep, all: readonly PlanStep[]): Effect | null {
  const target = step.target;
  const unrecorded: Effect = { kind: 'unknown', why: `plan.json does not record which object step "${step.summary}" changes (it was written by an older pgtide)` };
  switch (step.change) {
    case 'table.create':
      return target === undefined ? unrecorded : { kind: 'drop-table', target };
    case 'column.add':
      return target?.column === undefined ? unrecorded : { kind: 'drop-column', target };
    case 'sequence.create':
      return target === undefined ? unrecorded : { kind: 'drop-sequence', target };
    case 'column.alter': {
      if (target?.column === undefined || target.fields === undefined) return unrecorded;
      // Only a type change can lose anything on the way back. An online one copies into a shadow
      // column (a batched step), whose reverse drops only that copy; a direct one is reversed by
      // casting back, which can cut or round values.
      if (!target.fields.includes('type')) return null;
      const online = all.some((s) => s.change === 'column.alter' && sameTarget(s.target, target) && s.batch !== null);
      return online ? null : { kind: 'retype-column', target };
    }
    default:
      // Every other reverse drops or restores objects that hold no rows of their own.
      return null;
  }
}

function sameTarget(a: PlanTarget | undefined, b: PlanTarget): boolean {
  return a !== undefined && a.schema === b.schema && a.name === b.name && a.column === b.column;
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

/** Whether the live table (or column) holds anything; null when it is not there. */
async function holdsData(db: Queryable, t: PlanTarget): Promise<boolean | null> {
  const exists = await db.query<{ ok: boolean }>(
    t.column === undefined
      ? `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname = $1 AND c.relname = $2) AS ok`
      : `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind IN ('r', 'p') AND n.nspname = $1 AND c.relname = $2 AND a.attname = $3 AND a.attnum > 0 AND NOT a.attisdropped) AS ok`,
    t.column === undefined ? [t.schema, t.name] : [t.schema, t.name, t.column],
  );
  if (exists.rows[0]?.ok !== true) return null;
  const where = t.column === undefined ? '' : ` WHERE ${quoteIdent(t.column)} IS NOT NULL`;
  const res = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoteQualified(t.schema, t.name)}${where}) AS any`);
  return res.rows[0]?.any === true;
}

async function sequenceUsed(db: Queryable, t: PlanTarget): Promise<boolean> {
  const res = await db.query<{ used: boolean }>(
    'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_sequences WHERE schemaname = $1 AND sequencename = $2 AND last_value IS NOT NULL) AS used',
    [t.schema, t.name],
  );
  return res.rows[0]?.used === true;
}

const loss = (what: string, risk: Hazard['risk'], reason: string): DownHazard => ({ what, hazard: { kind: 'data-loss', risk, reason } });

/**
 * The data a folder's down.sql would lose on this database. An object that is not there loses
 * nothing (its statement fails and stops the rollback before anything is recorded).
 */
export async function downHazards(db: Queryable, folder: MigrationFolder): Promise<DownHazard[]> {
  const out: DownHazard[] = [];
  for (const e of downEffects(folder)) {
    switch (e.kind) {
      case 'drop-table':
        if (await holdsData(db, e.target)) out.push(loss(`drops table ${shown(e.target)}`, 'high', 'the table holds rows, and they are deleted with it'));
        break;
      case 'drop-column':
        if (await holdsData(db, e.target)) out.push(loss(`drops column ${shown(e.target)}`, 'high', 'the column holds values, and they are deleted with it'));
        break;
      case 'retype-column':
        if (await holdsData(db, e.target)) out.push(loss(`changes the type of column ${shown(e.target)} back`, 'medium', 'the cast back can cut or round values that only the new type can hold'));
        break;
      case 'drop-sequence':
        if (await sequenceUsed(db, e.target)) out.push(loss(`drops sequence ${shown(e.target)}`, 'medium', 'the sequence has been used, and its position is lost'));
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
export function unapproved(hazards: readonly DownHazard[], allow: HazardApproval): DownHazard[] {
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
