import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { sameValue } from '../../diff/guard.js';
import type { Domain, Model } from '../../model/types.js';
import { relationId } from '../../model/ids.js';
import { parseTypeRef } from '../../diff/type-names.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type DomainAction } from '../ops.js';
import { commentStep } from './comments.js';
import { domainNeedsRebuild } from '../../resolve/views.js';
import { domainRebuild } from './domain-rebuild.js';
import { domainReleased } from './domain-callers.js';
import { commentQualified } from '../../sql/ident.js';

const nameOf = (d: Domain) => qname(d.schema, d.name);

/** True for a domain over a composite type (or an array of one), which it must follow. */
const overComposite = (d: Domain, model: Model): boolean => {
  const ref = parseTypeRef(d.baseType);
  return ref !== null && model['composite-type'].has(relationId('composite-type', ref.schema, ref.name));
};

/** Before tables: columns are typed with it. */
export function createDomain(change: CreateChange<'domain'>, ctx: PlanContext): Placed[] {
  const d = change.to;
  return [
    place(overComposite(d, ctx.to) ? 'create-composite-domains' : 'create-domains', change, op('create-domain', { domain: d }), {
      reverse: op('drop-domain', { domain: nameOf(d) }),
    }),
    ...commentStep(change, { on: 'type', object: nameOf(d) }, null, d.comment),
  ];
}

/** After the tables whose columns used it. */
export function dropDomain(change: DropChange<'domain'>, ctx: PlanContext): Placed[] {
  const slot = overComposite(change.from, ctx.from) ? 'drop-composite-domains' : 'drop-domains';
  return [place(slot, change, op('drop-domain', { domain: nameOf(change.from) }), { reverse: null })];
}

/**
 * Loosening (dropped checks, DROP NOT NULL, defaults) goes in expand; tightening (new checks, which
 * scan every column of the domain, and SET NOT NULL) in contract, once writers of bad values are gone.
 */
export function alterDomain(change: AlterChange<'domain'>, ctx: PlanContext): Placed[] {
  const { from, to } = change;
  // the rebuilt domain is created whole: its checks, default and NOT NULL come with it
  if (domainNeedsRebuild(from, to)) return domainRebuild(change, ctx);
  const d = nameOf(to);
  const out: Placed[] = [];
  const step = (slot: 'create-domains' | 'contract-constraints', action: DomainAction, undo: DomainAction | null, tighten: boolean): void => {
    out.push(place(slot, change, op('alter-domain', { domain: d, action }), {
      hazards: tighten ? [hazard('validation-scan', 'medium', `every column of domain ${commentQualified(to.schema, to.name)} is checked; fails if a value violates it`)] : [],
      rewrites: tighten ? 'scan' : 'none',
      reverse: undo === null ? null : op('alter-domain', { domain: d, action: undo }),
    }));
  };
  const same = (a: Domain['checks'][number], b: Domain['checks'][number]): boolean => sameValue(a, b);
  // checks already let go for a function that is re-created (domain-callers.ts) are not dropped twice
  const released = domainReleased(ctx, from);
  for (const c of from.checks) {
    if (!released && !to.checks.some((x) => same(x, c))) step('create-domains', { kind: 'drop-check', name: c.name }, { kind: 'add-check', ...c }, false);
  }
  if (from.default !== to.default) step('create-domains', { kind: 'set-default', value: to.default }, { kind: 'set-default', value: from.default }, false);
  if (from.notNull && !to.notNull) step('create-domains', { kind: 'not-null', notNull: false }, { kind: 'not-null', notNull: true }, false);
  if (!from.notNull && to.notNull) step('contract-constraints', { kind: 'not-null', notNull: true }, { kind: 'not-null', notNull: false }, true);
  for (const c of to.checks) {
    if (!from.checks.some((x) => same(x, c))) step('contract-constraints', { kind: 'add-check', ...c }, { kind: 'drop-check', name: c.name }, true);
  }
  return [...out, ...commentStep(change, { on: 'type', object: d }, from.comment, to.comment)];
}
