/**
 * The schema model: pure data shared by every stage of the pipeline.
 *
 * Names are raw (never quoted). Expressions (defaults, checks, index expressions and predicates)
 * hold SQL text; once a model has been normalized (desired) or introspected (live) that text is the
 * form the server prints, so two models can be compared field by field.
 */

import type { ObjectId } from './objects/base.js';
import type { Collation, Extension, SchemaObj } from './objects/namespace.js';
import type { Domain, EnumType } from './objects/user-types.js';
import type { Sequence } from './objects/sequence.js';
import type { Table } from './objects/table.js';
import type { Constraint } from './objects/constraint.js';
import type { Index } from './objects/index-object.js';
import type { View } from './objects/view.js';
import type { Routine } from './objects/routine.js';
import type { Trigger } from './objects/trigger.js';
import type { Privilege } from './objects/privilege.js';
import type { Policy } from './objects/policy.js';
import type { CompositeType } from './objects/composite-type.js';
import type { DefaultPrivilege } from './objects/default-privilege.js';
import type { EventTrigger } from './objects/event-trigger.js';
import type { Publication } from './objects/publication.js';
import type { Statistics } from './objects/statistics.js';
import type { Rule } from './objects/rule.js';
import type { RangeType } from './objects/range-type.js';
import type { Aggregate } from './objects/aggregate.js';

export type * from './objects/base.js';
export type * from './objects/namespace.js';
export type * from './objects/user-types.js';
export type * from './objects/sequence.js';
export type * from './objects/table.js';
export type * from './objects/constraint.js';
export type * from './objects/index-object.js';
export type * from './objects/view.js';
export type * from './objects/routine.js';
export type * from './objects/trigger.js';
export type * from './objects/privilege.js';
export type * from './objects/policy.js';
export type * from './objects/composite-type.js';
export type * from './objects/default-privilege.js';
export type * from './objects/event-trigger.js';
export type * from './objects/publication.js';
export type * from './objects/statistics.js';
export type * from './objects/rule.js';
export type * from './objects/range-type.js';
export type * from './objects/aggregate.js';
export { KINDS } from './kinds.js';

/** Every kind of object the model holds. Dispatch tables are keyed by it; the registry (kinds.ts) lists each one's traits. */
export type Kind = DbObject['kind'];

/** One object of any kind; a kind is added here, and the registry (kinds.ts) then demands its traits. */
export type DbObject = SchemaObj | Extension | EnumType | Sequence | Table | Constraint | Index | View | Routine | Trigger | Policy | Privilege | Collation | Domain
  | CompositeType | DefaultPrivilege | EventTrigger
  | Statistics | Rule | RangeType | Aggregate | Publication;
export type ObjectOf<K extends Kind> = Extract<DbObject, { kind: K }>;

/**
 * A whole database schema: one keyed collection per kind. `notNullNames: false` marks a model read
 * from a server before PostgreSQL 18, which cannot hold NOT NULL constraint names.
 */
export type Model = { readonly [K in Kind]: ReadonlyMap<ObjectId, ObjectOf<K>> } & { readonly notNullNames?: false };
