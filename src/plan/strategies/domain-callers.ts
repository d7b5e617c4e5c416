import type { RoutineCreate, RoutineDrop } from '../../diff/change.js';
import { sameValue } from '../../diff/guard.js';
import { objectId } from '../../model/ids.js';
import type { Domain, Model } from '../../model/types.js';
import { hazard, place, type Placed } from '../build.js';
import type { PlanContext } from '../context.js';
import { op, qname, type DomainAction } from '../ops.js';
import { commentQualified } from '../../sql/ident.js';

/**
 * A function that is dropped and created again (its result type changes) cannot be dropped while a
 * domain's default or check calls it. The catalog records the call for the domain as a whole, so
 * such a domain lets go of all its checks and its default before the drop, and gets back those it
 * keeps once the function exists again; its own changes (domains.ts) then only add what is new.
 */
/** The domains whose release goes with this function: the first re-created one each calls, so it happens once. */
function domainsCalling(model: Model, routineId: string, ctx: PlanContext): Domain[] {
  return [...model.domain.values()].filter((d) => d.dependsOn.find((id) => ctx.routineRecreated(id)) === routineId);
}

const alter = (d: Domain, action: DomainAction) => op('alter-domain', { domain: qname(d.schema, d.name), action });

/** Whether the plan re-creates a function that the domain (as it is now) calls. */
export function domainReleased(ctx: PlanContext, from: Domain): boolean {
  return from.dependsOn.some((id) => ctx.routineRecreated(id));
}

/** Before a re-created function is dropped. */
export function releaseDomains(change: RoutineDrop, ctx: PlanContext): Placed[] {
  if (!ctx.routineRecreated(change.id)) return [];
  return domainsCalling(ctx.from, change.id, ctx).flatMap((d) => [
    ...d.checks.map((c) => place('release-domains', change, alter(d, { kind: 'drop-check', name: c.name }), {
      reverse: alter(d, { kind: 'add-check', ...c }),
    })),
    ...(d.default === null ? [] : [place('release-domains', change, alter(d, { kind: 'set-default', value: null }), {
      reverse: alter(d, { kind: 'set-default', value: d.default }),
    })]),
  ]);
}

/** Once the re-created function exists: the checks and default the domain keeps come back. */
export function restoreDomains(change: RoutineCreate, ctx: PlanContext): Placed[] {
  const replaced = change.replaces;
  if (replaced === null || !ctx.routineRecreated(replaced)) return [];
  const out: Placed[] = [];
  for (const d of domainsCalling(ctx.from, replaced, ctx)) {
    const to = ctx.to.domain.get(objectId(d));
    if (to === undefined) continue;
    for (const c of d.checks) {
      if (!to.checks.some((x) => sameValue(x, c))) continue;
      out.push(place('create-domains', change, alter(d, { kind: 'add-check', ...c }), {
        hazards: [hazard('validation-scan', 'medium', `every column of domain ${commentQualified(d.schema, d.name)} is checked again once ${commentQualified(change.to.schema, change.to.name)} is re-created`)],
        rewrites: 'scan',
        reverse: alter(d, { kind: 'drop-check', name: c.name }),
      }));
    }
    if (d.default !== null && d.default === to.default) {
      out.push(place('create-domains', change, alter(d, { kind: 'set-default', value: d.default }), {
        reverse: alter(d, { kind: 'set-default', value: null }),
      }));
    }
  }
  return out;
}
