import type { Phase } from './step.js';

/**
 * The one explicit execution order (migra style). Every step is placed in a slot; the plan is the
 * slots in this order, and each slot belongs to exactly one phase, so phase order and statement
 * order can never disagree.
 */
export const SLOTS = [
  // expand: loosen first, so that later steps never trip over what goes away or changes
  ['drop-foreign-keys', 'expand'],
  ['drop-constraints', 'expand'],
  ['drop-indexes', 'expand'],
  ['renames', 'expand'],
  ['create-schemas', 'expand'],
  ['create-extensions', 'expand'],
  ['create-enums', 'expand'],
  ['create-sequences', 'expand'],
  ['create-tables', 'expand'],
  ['columns', 'expand'],
  ['sequence-owners', 'expand'],
  ['constraints', 'expand'],
  // before foreign keys: a foreign key may reference a unique index rather than a constraint
  ['indexes', 'expand'],
  // after every table exists, so foreign key cycles need no special handling
  ['foreign-keys', 'expand'],
  ['comments', 'expand'],
  ['backfills', 'migrate'],
  // contract: tightening and destructive work, once the old application version is gone
  ['contract-columns', 'contract'],
  ['drop-columns', 'contract'],
  ['readd-columns', 'contract'],
  ['contract-constraints', 'contract'],
  ['contract-indexes', 'contract'],
  ['contract-foreign-keys', 'contract'],
  ['contract-comments', 'contract'],
  ['drop-table-foreign-keys', 'contract'],
  ['drop-tables', 'contract'],
  ['rebuild-enums', 'contract'],
  ['drop-sequences', 'contract'],
  ['drop-enums', 'contract'],
  ['drop-extensions', 'contract'],
  ['drop-schemas', 'contract'],
] as const satisfies readonly (readonly [string, Phase])[];

export type Slot = (typeof SLOTS)[number][0];

export const SLOT_INDEX: ReadonlyMap<Slot, number> = new Map(SLOTS.map(([slot], i) => [slot, i]));
export const SLOT_PHASE: ReadonlyMap<Slot, Phase> = new Map(SLOTS.map(([slot, phase]) => [slot, phase]));
