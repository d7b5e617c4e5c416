import type { AlterChange, Change, CreateChange, DropChange, RenameChange } from '../../diff/change.js';
import { columnId, relationId } from '../../model/ids.js';
import { sameValue } from '../../diff/guard.js';
import { makeObjectName } from '../../model/naming.js';
import type { Sequence, SequenceOptions } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { Hazard } from '../step.js';
import { commentQualified } from '../../sql/ident.js';
import type { PlanContext } from '../context.js';
import { op, qname, type QName, type SequenceOwner } from '../ops.js';
import { commentStep } from './comments.js';

const seqOf = (s: Sequence) => qname(s.schema, s.name);
const ownerOf = (s: Sequence): SequenceOwner =>
  s.ownedBy === null ? null : { schema: s.schema, table: s.ownedBy.table, column: s.ownedBy.column };

/** The options the desired side states and the current side does not have (partial rule). */
export function changedOptions(from: Partial<SequenceOptions>, to: Partial<SequenceOptions>): {
  readonly forward: Partial<SequenceOptions>;
  readonly backward: Partial<SequenceOptions>;
} {
  const forward: Record<string, unknown> = {};
  const backward: Record<string, unknown> = {};
  for (const key of Object.keys(to) as (keyof SequenceOptions)[]) {
    const want = to[key];
    if (want === undefined || want === null || sameValue(from[key], want)) continue;
    forward[key] = want;
    if (from[key] !== undefined) backward[key] = from[key];
  }
  return { forward: forward as Partial<SequenceOptions>, backward: backward as Partial<SequenceOptions> };
}

function ownerStep(change: CreateChange<'sequence'> | AlterChange<'sequence'>, from: SequenceOwner, to: SequenceOwner): Placed[] {
  if (sameValue(from, to)) return [];
  const s = seqOf(change.to);
  return [place('sequence-owners', change, op('set-sequence-owner', { sequence: s, owner: to }), {
    reverse: op('set-sequence-owner', { sequence: s, owner: from }),
  })];
}

export function createSequence(change: CreateChange<'sequence'>): Placed[] {
  const s = change.to;
  return [
    place('create-sequences', change, op('create-sequence', { sequence: seqOf(s), options: s.options }), {
      reverse: op('drop-sequence', { sequence: seqOf(s) }),
    }),
    ...ownerStep(change, null, ownerOf(s)),
    ...commentStep(change, { on: 'sequence', object: seqOf(s) }, null, s.comment),
  ];
}

/**
 * A sequence owned by a table or column that is dropped goes with it; dropping it again would fail.
 * When the owning column stays but is altered, a type change may still replace it with a shadow
 * column and drop the old one in contract, taking the sequence along: ownership is released in
 * expand, so the sequence is dropped by this step whichever way the column is changed.
 */
export function dropSequence(change: DropChange<'sequence'>, ctx: PlanContext): Placed[] {
  const s = change.from;
  const drop = place('drop-sequences', change, op('drop-sequence', { sequence: seqOf(s) }), { reverse: null });
  if (s.ownedBy === null) return [drop];
  if (ctx.tableRecreated(s.schema, s.ownedBy.table)) return [];
  const table = ctx.from.table.get(relationId('table', s.schema, s.ownedBy.table));
  const owner = ownerOf(s)!;
  const keptTable = table !== undefined && !ctx.tableDropped(s.schema, s.ownedBy.table) ? table : undefined;
  const newTableName = keptTable ? ctx.currentName(keptTable) : null;
  const stillThere = newTableName !== null
    && ctx.to.table.get(relationId('table', s.schema, newTableName))?.columns.some((c) => c.name === owner.column);
  if (!stillThere) return [];
  if (!ctx.columnAltered(columnId(s.schema, newTableName, owner.column))) return [drop];
  const release = place('sequence-owners', change, op('set-sequence-owner', { sequence: seqOf(s), owner: null }), {
    reverse: op('set-sequence-owner', { sequence: seqOf(s), owner }),
  });
  return [release, drop];
}

const bound = (value: string | undefined): bigint | null => (value !== undefined && /^-?\d+$/.test(value) ? BigInt(value) : null);

/**
 * The bound a sequence runs towards drawn in (AS bigint → AS integer, a lower MAXVALUE ascending, a
 * higher MINVALUE descending), from expand on: nextval fails once the sequence reaches it, and one
 * already past it is moved back to it (sql/sequences.ts keptInBounds), a value it handed out before.
 */
function narrowed(s: Sequence, forward: Partial<SequenceOptions>): Hazard[] {
  const descending = (bound(forward.increment ?? s.options.increment) ?? 1n) < 0n;
  const [key, clause] = descending ? ['min', 'MINVALUE'] as const : ['max', 'MAXVALUE'] as const;
  const next = bound(forward[key]);
  const now = bound(s.options[key]);
  if (next === null || now === null || (descending ? next <= now : next >= now)) return [];
  const as = forward.dataType === undefined ? '' : ` (AS ${forward.dataType})`;
  return [hazard('breaking', 'medium',
    `sequence ${commentQualified(s.schema, s.name)} gets ${clause} ${forward[key]!}${as}: from expand on, nextval fails once the sequence `
    + `reaches it, and a sequence already past it restarts at it, a value it may have handed out before`)];
}

/**
 * A sequence named after the table or column it belongs to, renamed with them (diff/sequences.ts):
 * the rename keeps its value, and the column's default follows it (nextval reads it by oid).
 */
export function renameSequence(change: RenameChange<'sequence'>): Placed[] {
  const { from, to } = change;
  return [place('renames', change, op('rename-sequence', { sequence: seqOf(from), newName: to.name }), {
    reverse: op('rename-sequence', { sequence: seqOf(to), newName: from.name }),
  })];
}

/**
 * An identity's sequence named as the server names it (`<table>_<column>_seq`) follows a rename of
 * its table or column, as a serial's does: `table` and `column` are where the step finds it (the
 * names it has when the step runs), `before` and `after` the table and column names the sequence is
 * named after. The model does not hold its name, so the step finds it by its column and leaves one
 * that is named otherwise.
 */
export function identitySequenceRename(
  change: Change, table: QName, column: string, before: { table: string; column: string }, after: { table: string; column: string },
): Placed[] {
  const from = makeObjectName(before.table, before.column, 'seq');
  const to = makeObjectName(after.table, after.column, 'seq');
  if (from === to) return [];
  // down.sql undoes it before the table or column is renamed back: it finds the sequence the same way.
  return [place('renames', change, op('rename-identity-sequence', { table, column, from, newName: to }), {
    reverse: op('rename-identity-sequence', { table, column, from: to, newName: from }),
  })];
}

export function alterSequence(change: AlterChange<'sequence'>): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  const { forward, backward } = changedOptions(from.options, to.options);
  if (Object.keys(forward).length > 0) {
    const reverse = Object.keys(backward).length === Object.keys(forward).length
      ? op('alter-sequence', { sequence: seqOf(from), options: backward })
      : null;
    out.push(place('create-sequences', change, op('alter-sequence', { sequence: seqOf(to), options: forward }), {
      reverse, hazards: narrowed(from, forward),
    }));
  }
  out.push(...ownerStep(change, ownerOf(from), ownerOf(to)));
  out.push(...commentStep(change, { on: 'sequence', object: seqOf(to) }, from.comment, to.comment));
  return out;
}
