import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import type { Publication, PublishedTable } from '../../model/types.js';
import { commentIdent } from '../../sql/ident.js';
import { hazard, place, type Placed } from '../build.js';
import { op, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';

type Source = CreateChange<'publication'> | DropChange<'publication'> | AlterChange<'publication'>;

const commentTarget = (p: Publication): CommentTarget => ({ on: 'publication', name: p.name });

const tableKey = (t: PublishedTable): string => `${t.schema}.${t.table}`;

const sameEntry = (a: PublishedTable, b: PublishedTable): boolean =>
  a.filter === b.filter && JSON.stringify(a.columns) === JSON.stringify(b.columns);

/** The options of `p`; publish_generated_columns only where both sides have it and it changes. */
function optionsOf(p: Publication, other: Publication) {
  const both = p.generatedColumns !== null && other.generatedColumns !== null && p.generatedColumns !== other.generatedColumns;
  return { name: p.name, publish: p.publish, viaRoot: p.viaRoot, generatedColumns: both ? p.generatedColumns : null };
}

/**
 * Created last (contract), when its tables and the columns its lists and filters name are in their
 * final form; the diff's dependents drop and create it again around a table or column that goes.
 */
export function createPublication(change: CreateChange<'publication'>): Placed[] {
  const p = change.to;
  return [
    place('create-publications', change, op('create-publication', { publication: p }), {
      reverse: op('drop-publication', { name: p.name }),
    }),
    ...commentStep(change, commentTarget(p), null, p.comment, 'create-publications'),
  ];
}

/**
 * First: before any table it holds can be dropped or rebuilt. A subscription to it fails while it is
 * gone, and what changes meanwhile is not published (also when it is created again later in the migration).
 */
export function dropPublication(change: DropChange<'publication'>): Placed[] {
  const p = change.from;
  return [place('drop-publications', change, op('drop-publication', { name: p.name }), {
    reverse: op('create-publication', { publication: p }),
    hazards: [hazard('breaking', 'medium', `subscriptions to publication ${commentIdent(p.name)} fail while it is gone, and changes made meanwhile are not published`)],
  })];
}

/**
 * What it lets go of, first (a table may be dropped below); what it takes up, or holds with another
 * column list or row filter, last. A changed entry needs SET, which replaces every table and schema
 * at once: the whole desired list is set then.
 */
export function alterPublication(change: AlterChange<'publication'>): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  const toTables = new Map(to.tables.map((t) => [tableKey(t), t] as const));
  const fromTables = new Map(from.tables.map((t) => [tableKey(t), t] as const));
  const goneTables = from.tables.filter((t) => !toTables.has(tableKey(t)));
  const goneSchemas = from.schemas.filter((s) => !to.schemas.includes(s));
  if (goneTables.length > 0 || goneSchemas.length > 0) {
    out.push(place('drop-publications', change as Source, op('alter-publication-objects', {
      name: to.name, action: 'drop', tables: goneTables, schemas: goneSchemas,
    }), { reverse: op('alter-publication-objects', { name: to.name, action: 'add', tables: goneTables, schemas: goneSchemas }) }));
  }
  const newTables = to.tables.filter((t) => !fromTables.has(tableKey(t)));
  const newSchemas = to.schemas.filter((s) => !from.schemas.includes(s));
  const changed = to.tables.some((t) => {
    const before = fromTables.get(tableKey(t));
    return before !== undefined && !sameEntry(before, t);
  });
  if (changed) {
    out.push(place('create-publications', change, op('alter-publication-objects', {
      name: to.name, action: 'set', tables: to.tables, schemas: to.schemas,
    }), { reverse: null }));
  } else if (newTables.length > 0 || newSchemas.length > 0) {
    out.push(place('create-publications', change, op('alter-publication-objects', {
      name: to.name, action: 'add', tables: newTables, schemas: newSchemas,
    }), { reverse: op('alter-publication-objects', { name: to.name, action: 'drop', tables: newTables, schemas: newSchemas }) }));
  }
  if (change.fields.some((f) => f === 'publish' || f === 'viaRoot' || f === 'generatedColumns')) {
    out.push(place('create-publications', change, op('set-publication-options', optionsOf(to, from)), {
      reverse: op('set-publication-options', optionsOf(from, to)),
    }));
  }
  out.push(...commentStep(change, commentTarget(to), from.comment, to.comment, 'create-publications'));
  return out;
}
