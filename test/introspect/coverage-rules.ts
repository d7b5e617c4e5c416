import { AGGREGATE_RULES } from '../../src/diff/aggregates.js';
import { COLLATION_RULES } from '../../src/diff/collations.js';
import { COLUMN_RULES } from '../../src/diff/columns.js';
import { COMPOSITE_TYPE_RULES } from '../../src/diff/composite-types.js';
import { CONSTRAINT_RULES } from '../../src/diff/constraints.js';
import { DEFAULT_PRIVILEGE_RULES } from '../../src/diff/default-privileges.js';
import { DOMAIN_RULES } from '../../src/diff/domains.js';
import { ENUM_RULES } from '../../src/diff/enums.js';
import { EVENT_TRIGGER_RULES } from '../../src/diff/event-triggers.js';
import { EXTENSION_RULES } from '../../src/diff/extensions.js';
import type { FieldRule } from '../../src/diff/guard.js';
import { INDEX_RULES } from '../../src/diff/indexes.js';
import { POLICY_RULES } from '../../src/diff/policies.js';
import { PRIVILEGE_RULES } from '../../src/diff/privileges.js';
import { PUBLICATION_RULES } from '../../src/diff/publications.js';
import { RANGE_TYPE_RULES } from '../../src/diff/range-types.js';
import { ROUTINE_RULES } from '../../src/diff/routines.js';
import { RULE_RULES } from '../../src/diff/rules.js';
import { SCHEMA_RULES } from '../../src/diff/schemas.js';
import { SEQUENCE_RULES } from '../../src/diff/sequences.js';
import { STATISTICS_RULES } from '../../src/diff/statistics.js';
import { TABLE_RULES } from '../../src/diff/tables.js';
import { TRIGGER_RULES } from '../../src/diff/triggers.js';
import { VIEW_RULES } from '../../src/diff/views.js';
import type { Kind } from '../../src/model/types.js';

/** How the differ takes a field: its rule, or 'per pair' where a function decides per change. */
export type RuleText = FieldRule | 'per pair';
type Rules = Readonly<Record<string, unknown>>;

const constraintRules: Rules = Object.assign({}, ...Object.values(CONSTRAINT_RULES)) as Rules;

/** Each kind's compared fields, as the differ's completeness guard (src/diff/guard.ts) has them. */
export const KIND_RULES: Readonly<Record<Kind, Rules>> = {
  schema: SCHEMA_RULES,
  extension: EXTENSION_RULES,
  enum: ENUM_RULES,
  sequence: SEQUENCE_RULES,
  table: TABLE_RULES,
  constraint: constraintRules,
  index: INDEX_RULES,
  view: VIEW_RULES,
  function: ROUTINE_RULES,
  trigger: TRIGGER_RULES,
  policy: POLICY_RULES,
  privilege: PRIVILEGE_RULES,
  collation: COLLATION_RULES,
  domain: DOMAIN_RULES,
  'composite-type': COMPOSITE_TYPE_RULES,
  'default-privileges': DEFAULT_PRIVILEGE_RULES,
  'event-trigger': EVENT_TRIGGER_RULES,
  statistics: STATISTICS_RULES,
  rule: RULE_RULES,
  'range-type': RANGE_TYPE_RULES,
  aggregate: AGGREGATE_RULES,
  publication: PUBLICATION_RULES,
};

/** A table's columns are compared by their own rules (the nested `columns` field). */
export const NESTED_RULES: Readonly<Record<string, Rules>> = { 'table.columns': COLUMN_RULES };

/** Fields that identify an object: compared as its identity (a different value is another object). */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set(['schema', 'name', 'table']);

export function ruleText(rule: unknown): RuleText {
  return typeof rule === 'function' ? 'per pair' : (rule as FieldRule);
}

/** `columns[].type` → ['columns', 'type']; `options.start` → ['options', 'start']. */
export function fieldPath(field: string): readonly string[] {
  return field.split(/\[\]\.|\.|\[\]/).filter((p) => p !== '');
}

/** Why a field named as fed is not a compared field of its kind, or null when it is. */
export function unknownField(kind: Kind, field: string): string | null {
  const [head, sub] = fieldPath(field);
  if (head === undefined) return `${kind}: empty field`;
  if (IDENTITY_FIELDS.has(head) && sub === undefined) return null;
  if (!Object.prototype.hasOwnProperty.call(KIND_RULES[kind], head)) return `${kind}.${head} has no rule in the differ`;
  const nested = NESTED_RULES[`${kind}.${head}`];
  if (nested !== undefined && sub !== undefined && !IDENTITY_FIELDS.has(sub) && !Object.prototype.hasOwnProperty.call(nested, sub)) {
    return `${kind}.${head}[].${sub} has no rule in the differ`;
  }
  return null;
}
