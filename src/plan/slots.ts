import type { Phase } from './step.js';

/**
 * The one explicit execution order (migra style). Every step is placed in a slot; the plan is the
 * slots in this order, and each slot belongs to exactly one phase, so phase order and statement
 * order can never disagree.
 */
export const SLOTS = [
  // expand: loosen first, so that later steps never trip over what goes away or changes
  // objects defined by SQL text that read what changes below go first, dependents first (diff/dependents.ts)
  // privileges of objects that are re-created below (they come back with them, in 'grants')
  // event triggers that go or are switched off: before any other statement of the migration fires them
  ['drop-event-triggers', 'expand'],
  // publications that go, or let go of tables and schemas: before any table or column they hold is dropped or rebuilt
  ['drop-publications', 'expand'],
  // default privileges that are taken away: before anything below creates an object that would receive them
  ['revoke-default-privileges', 'expand'],
  ['revokes-early', 'expand'],
  ['drop-triggers', 'expand'],
  ['drop-policies', 'expand'],
  // rules read their relation and what their actions name; statistics cover columns: both go before
  // the views, columns and functions that change below (a view's rules go with it otherwise)
  ['drop-rules', 'expand'],
  ['drop-statistics', 'expand'],
  // functions that go and read a view's row type that goes (a view goes in expand): before the view
  ['drop-view-readers', 'expand'],
  ['drop-views', 'expand'],
  // domain checks and defaults, column defaults and table checks that call a function re-created below
  // (strategies/domain-callers.ts, table-callers.ts)
  ['release-domains', 'expand'],
  // objects defined by SQL text that read what changes below go first, dependents first (diff/dependents.ts)
  ['drop-foreign-keys', 'expand'],
  ['drop-constraints', 'expand'],
  ['drop-indexes', 'expand'],
  // only functions that are re-created (CREATE OR REPLACE cannot change them): after the constraints
  // and indexes that the plan drops anyway, which may call them
  ['drop-routines', 'expand'],
  // tables whose shape ALTER cannot reach (partitioning): gone before anything is created under their names
  ['drop-recreated-tables', 'expand'],
  // DETACH PARTITION / NO INHERIT before column work on the parent, which would otherwise reach the child too
  ['detach-tables', 'expand'],
  ['renames', 'expand'],
  ['create-schemas', 'expand'],
  ['create-extensions', 'expand'],
  ['create-collations', 'expand'],
  ['create-enums', 'expand'],
  // functions that a domain's default or checks call
  ['create-routines-early', 'expand'],
  // range types, after the functions they call (subtype_diff) and before domains over them; a range
  // rebuilt here converts its columns once what reads them is gone and before it comes back
  ['create-ranges', 'expand'],
  ['create-domains', 'expand'],
  // after domains and enums, which attributes may be typed with; among themselves in the diff's order,
  // which puts a composite type after those its attributes use (diff/composite-types.ts)
  ['create-composite-types', 'expand'],
  // an attribute added may be of a composite type created just above
  ['alter-composite-types', 'expand'],
  // domains over a composite type
  ['create-composite-domains', 'expand'],
  ['create-sequences', 'expand'],
  // before tables: defaults, checks and generated columns may call them
  ['create-routines', 'expand'],
  ['create-tables', 'expand'],
  // rows of a table rebuilt for its column order, before its indexes and constraints are built
  ['restore-rows', 'expand'],
  // a generated column that becomes plain lets go of its source columns before any of them changes type
  ['drop-expressions', 'expand'],
  ['columns', 'expand'],
  // stored generated columns computed from a column that 'columns' retypes: made against the new type
  ['generated-columns', 'expand'],
  ['sequence-owners', 'expand'],
  // an INHERITS child's own defaults on columns its parents have (and may have just added)
  ['inherited-defaults', 'expand'],
  // SQL-language functions whose bodies read tables are checked against them when created
  ['create-routines-late', 'expand'],
  // CREATE OR REPLACE AGGREGATE once every function it is to call exists (new aggregates are created
  // among the routines, in the order of what they call)
  ['replace-aggregates', 'expand'],
  ['constraints', 'expand'],
  // after constraints (GROUP BY may rely on a primary key); before indexes, which a materialized view may have
  ['create-views', 'expand'],
  // functions that read a view's row type (a result of SETOF v, an argument of type v)
  ['create-view-readers', 'expand'],
  // before foreign keys: a foreign key may reference a unique index rather than a constraint
  ['indexes', 'expand'],
  // extended statistics once their columns and expressions' functions are there
  ['create-statistics', 'expand'],
  // PRIMARY KEY / UNIQUE adopting an index built CONCURRENTLY just before
  ['index-constraints', 'expand'],
  // after every table exists, so foreign key cycles need no special handling
  ['foreign-keys', 'expand'],
  ['create-triggers', 'expand'],
  ['create-policies', 'expand'],
  // rules after every table, view and function their actions name
  ['create-rules', 'expand'],
  // after the policies, so that a table never has row-level security without the policies it needs
  ['row-security', 'expand'],
  // indexes of a partition's own that ATTACH PARTITION (in 'row-security') would have adopted: back after it
  ['partition-own-indexes', 'expand'],
  // CLUSTER ON once the index (or the key that owns it) exists, which may be built or rebuilt just above
  ['cluster', 'expand'],
  ['grants', 'expand'],
  ['comments', 'expand'],
  ['backfills', 'migrate'],
  // contract: tightening and destructive work, once the old application version is gone
  ['drop-compat-views', 'contract'],
  ['revokes', 'contract'],
  // aggregates that go: before the functions they call (one that a dropped function calls goes in that
  // function's slot instead, after it: strategies/aggregates.ts)
  ['drop-aggregates', 'contract'],
  // functions that go and read a table's row type or columns: before the columns and tables they read
  ['drop-table-readers', 'contract'],
  // a stored generated column depends on the columns it is computed from, and would block their drop
  // or type change: it goes (or loses its expression) first
  ['drop-generated-columns', 'contract'],
  ['contract-columns', 'contract'],
  ['drop-columns', 'contract'],
  // attributes of composite types, once the old application version no longer writes them
  ['drop-composite-attributes', 'contract'],
  // also generated columns computed from a column that 'contract-columns' retypes
  ['readd-columns', 'contract'],
  // views over columns that the contract phase retypes; before contract-indexes, for their indexes
  ['create-views-late', 'contract'],
  // rules on or reading such views or columns
  ['create-rules-late', 'contract'],
  ['contract-constraints', 'contract'],
  ['contract-indexes', 'contract'],
  // statistics over columns the contract phase swaps in (online retypes) or of tables whose column work runs there
  ['create-statistics-late', 'contract'],
  ['contract-index-constraints', 'contract'],
  // CLUSTER ON an index or key built in contract
  ['contract-cluster', 'contract'],
  ['contract-foreign-keys', 'contract'],
  ['contract-comments', 'contract'],
  ['drop-table-foreign-keys', 'contract'],
  ['drop-tables', 'contract'],
  ['drop-routines-late', 'contract'],
  // foreign keys between columns of a rebuilt enum: its columns are retyped one at a time
  ['drop-enum-foreign-keys', 'contract'],
  ['rebuild-enums', 'contract'],
  ['enum-foreign-keys', 'contract'],
  // domains whose base type or collation changes (after enums: a domain may be over one)
  ['rebuild-domains', 'contract'],
  // composite types whose attributes change type or order while columns use them
  ['rebuild-composite-types', 'contract'],
  // views over columns of a rebuilt enum or domain
  ['create-views-final', 'contract'],
  ['create-rules-final', 'contract'],
  // privileges on views created in the contract phase
  ['grants-late', 'contract'],
  // default privileges that are given: after every object the migration creates, which thus holds exactly
  // the grants the schema declares for it
  ['grant-default-privileges', 'contract'],
  ['drop-sequences', 'contract'],
  // after the tables, columns and functions that use a composite type; before the enums and domains
  // its attributes use, and after the domains over it
  ['drop-composite-domains', 'contract'],
  ['drop-composite-types', 'contract'],
  ['drop-domains', 'contract'],
  // after the tables, functions and domains over them; before the functions they call
  ['drop-ranges', 'contract'],
  // after the domains and ranges over them
  ['drop-enums', 'contract'],
  // functions that a dropped domain's default or checks called
  ['drop-routines-last', 'contract'],
  ['drop-collations', 'contract'],
  ['drop-extensions', 'contract'],
  ['drop-schemas', 'contract'],
  // event triggers that are created or switched on: after every other statement, which thus fires none of them
  // publications that are created, or take up tables: after their tables and columns are in their final form
  ['create-publications', 'contract'],
  ['create-event-triggers', 'contract'],
] as const satisfies readonly (readonly [string, Phase])[];

export type Slot = (typeof SLOTS)[number][0];

export const SLOT_INDEX: ReadonlyMap<Slot, number> = new Map(SLOTS.map(([slot], i) => [slot, i]));
export const SLOT_PHASE: ReadonlyMap<Slot, Phase> = new Map(SLOTS.map(([slot, phase]) => [slot, phase]));
