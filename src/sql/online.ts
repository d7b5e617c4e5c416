import type { OpOf, QName, SyncMode, SyncValue } from '../plan/ops.js';
import { castExpression } from './columns.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

/**
 * Statements of the online strategies: NOT NULL through a validated check, constraints adopted
 * from concurrently built indexes, sync triggers and batched copies for renames and type changes,
 * and compatibility views for renamed tables.
 */
const q = (n: QName): string => quoteQualified(n.schema, n.name);

/** The target value over the row's own columns (in an UPDATE or in a subquery over the trigger row). */
export function syncValue(source: string, value: SyncValue): string {
  switch (value.kind) {
    case 'copy':
      return quoteIdent(source);
    case 'cast':
      return castExpression(source, value.type, value.using);
    case 'sql':
      return `(${value.text})`;
    default: {
      const never: never = value;
      throw new Error(`unknown sync value ${JSON.stringify(never)}`);
    }
  }
}

/**
 * In the trigger the row is NEW; an expression written over column names is evaluated against
 * `(SELECT NEW.*)`, so the schema's USING text needs no rewriting.
 */
function triggerValue(source: string, value: SyncValue): string {
  if (value.kind === 'copy') return `NEW.${quoteIdent(source)}`;
  return `(SELECT ${syncValue(source, value)} FROM (SELECT NEW.*) AS pgtide_row)`;
}

function triggerBody(source: string, target: string, value: SyncValue, mode: SyncMode): string {
  const s = `NEW.${quoteIdent(source)}`;
  const t = `NEW.${quoteIdent(target)}`;
  const compute = `${t} := ${triggerValue(source, value)};`;
  if (mode === 'derive') return `  ${compute}\n  RETURN NEW;`;
  if (mode === 'fill') return `  IF ${t} IS NULL THEN ${compute} END IF;\n  RETURN NEW;`;
  // Either application version may write either column: whichever the statement set wins.
  return [
    `  IF TG_OP = 'INSERT' THEN`,
    `    IF ${t} IS NULL THEN ${compute} ELSE ${s} := ${t}; END IF;`,
    `  ELSIF ${t} IS DISTINCT FROM OLD.${quoteIdent(target)} THEN`,
    `    ${s} := ${t};`,
    `  ELSE`,
    `    ${compute}`,
    `  END IF;`,
    `  RETURN NEW;`,
  ].join('\n');
}

/**
 * The rows a batched copy still has to fill. The target column is added without a default in the
 * same expand step as the sync trigger, which computes it on every insert and update: so it is NULL
 * exactly on the rows not copied yet (or whose value is NULL anyway). No equality on the target type
 * is needed, which json, xml or point do not have.
 */
function pending(target: string, value: string): string {
  return `${target} IS NULL AND ${value} IS NOT NULL`;
}

/** The copy of every row at once, for one-shot scripts that cannot repeat a batch (psql -f). */
export function renderCopyAll(op: OpOf<'backfill-copy'>): string {
  const t = quoteIdent(op.target);
  const v = syncValue(op.source, op.value);
  return `UPDATE ${q(op.table)} SET ${t} = ${v} WHERE ${pending(t, v)}`;
}

export const onlineRenderers: Renderers<
  | 'add-not-null-check' | 'add-constraint-using-index' | 'create-sync-trigger' | 'drop-sync-trigger'
  | 'backfill-copy' | 'create-compat-view' | 'drop-compat-view'
> = {
  'add-not-null-check': (op) =>
    `ALTER TABLE ${q(op.table)} ADD CONSTRAINT ${quoteIdent(op.name)} CHECK (${quoteIdent(op.column)} IS NOT NULL) NOT VALID`,
  'add-constraint-using-index': (op) => {
    const c = op.constraint;
    const kind = c.type === 'primary-key' ? 'PRIMARY KEY' : 'UNIQUE';
    const deferral = !c.deferrable ? '' : c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
    // No column list: USING INDEX takes the columns (and NULLS NOT DISTINCT) from the index.
    return `ALTER TABLE ${quoteQualified(c.schema, c.table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${kind} USING INDEX ${quoteIdent(op.index)}${deferral}`;
  },
  'create-sync-trigger': (op) => {
    const fn = q({ schema: op.table.schema, name: op.name });
    const create = op.left === undefined ? 'CREATE' : 'CREATE OR REPLACE';
    const pin = op.pinTimeZone ? ' SET TimeZone FROM CURRENT' : '';
    const body = `${create} FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql${pin} AS $pgtide$\nBEGIN\n${triggerBody(op.source, op.target, op.value, op.mode)}\nEND\n$pgtide$`;
    if (op.left === 'function-and-trigger') return body;
    return `${body};\nCREATE TRIGGER ${quoteIdent(op.name)} BEFORE INSERT OR UPDATE ON ${q(op.table)} FOR EACH ROW EXECUTE FUNCTION ${fn}()`;
  },
  'drop-sync-trigger': (op) =>
    `DROP TRIGGER ${quoteIdent(op.name)} ON ${q(op.table)};\nDROP FUNCTION ${q({ schema: op.table.schema, name: op.name })}()`,
  'backfill-copy': (op) => {
    if (!Number.isInteger(op.batchSize) || op.batchSize <= 0) throw new Error('backfill batch size must be a positive integer');
    const t = quoteIdent(op.target);
    const v = syncValue(op.source, op.value);
    return `UPDATE ${q(op.table)} SET ${t} = ${v} WHERE ctid IN (SELECT ctid FROM ${q(op.table)} WHERE ${pending(t, v)} LIMIT ${op.batchSize})`;
  },
  'create-compat-view': (op) => `CREATE VIEW ${q(op.view)} AS SELECT * FROM ${q(op.table)}`,
  'drop-compat-view': (op) => `DROP VIEW ${q(op.view)}`,
};
