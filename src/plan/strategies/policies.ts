import type { AlterChange, Change, CreateChange, DropChange } from '../../diff/change.js';
import type { Policy, Table } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type CommentTarget } from '../ops.js';
import { commentStep } from './comments.js';
import { commentIdent, commentQualified } from '../../sql/ident.js';

const tableOf = (p: { schema: string; table: string }) => qname(p.schema, p.table);
const commentTarget = (p: Policy): CommentTarget => ({ on: 'policy', table: tableOf(p), name: p.name });

export function createPolicy(change: CreateChange<'policy'>): Placed[] {
  const p = change.to;
  return [
    place('create-policies', change, op('create-policy', { policy: p }), {
      reverse: op('drop-policy', { table: tableOf(p), name: p.name }),
    }),
    ...commentStep(change, commentTarget(p), null, p.comment),
  ];
}

/** A policy goes with its dropped table; otherwise first, before the columns and functions it reads change. */
export function dropPolicy(change: DropChange<'policy'>, ctx: PlanContext): Placed[] {
  const p = change.from;
  if (ctx.tableDropped(p.schema, p.table) && !ctx.to.policy.has(change.id)) return [];
  return [place('drop-policies', change, op('drop-policy', { table: tableOf(p), name: p.name }), {
    hazards: [hazard('breaking', 'medium', `row access on ${commentQualified(p.schema, p.table)} changes once policy ${commentIdent(p.name)} is gone`)],
    reverse: op('create-policy', { policy: p }),
  })];
}

export function alterPolicy(change: AlterChange<'policy'>): Placed[] {
  const { from, to } = change;
  const out: Placed[] = [];
  const roles = change.fields.includes('roles');
  const using = change.fields.includes('usingExpression');
  const withCheck = change.fields.includes('withCheck');
  if (roles || using || withCheck) {
    const alter = (p: Policy) => op('alter-policy', {
      table: tableOf(p), name: p.name,
      roles: roles ? p.roles : null, usingExpression: using ? p.usingExpression : null, withCheck: withCheck ? p.withCheck : null,
    });
    out.push(place('create-policies', change, alter(to), {
      hazards: [hazard('breaking', 'low', `rows visible through policy ${commentIdent(to.name)} on ${commentQualified(to.schema, to.table)} change`)],
      reverse: alter(from),
    }));
  }
  return [...out, ...commentStep(change, commentTarget(to), from.comment, to.comment)];
}

type Setting = 'enable' | 'disable' | 'force' | 'no-force';

/** ENABLE/DISABLE and FORCE/NO FORCE ROW LEVEL SECURITY, after the table's policies exist. */
export function rowSecuritySteps(source: Change, from: Table | null, to: Table): Placed[] {
  const out: Placed[] = [];
  const step = (setting: Setting, undo: Setting, why: string | null): void => {
    out.push(place('row-security', source, op('set-row-security', { table: tableOf({ schema: to.schema, table: to.name }), setting }), {
      hazards: why === null ? [] : [hazard('breaking', 'medium', why)],
      reverse: op('set-row-security', { table: tableOf({ schema: to.schema, table: to.name }), setting: undo }),
    }));
  };
  const was = from?.rowSecurity ?? false;
  const is = to.rowSecurity ?? false;
  if (was !== is) {
    step(is ? 'enable' : 'disable', is ? 'disable' : 'enable',
      from !== null && is ? `queries on ${commentQualified(to.schema, to.name)} only see rows a policy allows` : null);
  }
  const wasForced = from?.forceRowSecurity ?? false;
  const isForced = to.forceRowSecurity ?? false;
  if (wasForced !== isForced) step(isForced ? 'force' : 'no-force', isForced ? 'no-force' : 'force', null);
  return out;
}
