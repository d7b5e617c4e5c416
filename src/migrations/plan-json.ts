import type { HazardKind, LockLevel, Risk, Step } from '../plan/index.js';
import { FILE_NAMES, PHASE_FILES, type MigrationPhaseFile } from './layout.js';

/**
 * plan.json: what the planner decided for one migration, kept next to the SQL so that `apply`,
 * `status` and reviewers can see lock levels, transaction modes and hazards without re-planning.
 */
export type PlanRisk = Risk;

export interface PlanHazard {
  readonly kind: HazardKind;
  readonly risk: PlanRisk;
  readonly reason: string;
}

/**
 * The table (with a column) or sequence a step changes, by raw name, for the steps whose reverse in
 * down.sql can destroy data (a created table, an added or retyped column, a created sequence):
 * rollback looks these objects up in the database to see whether they hold anything.
 */
export interface PlanTarget {
  readonly schema: string;
  readonly name: string;
  readonly column?: string;
  /** For an altered column: the fields that change (`type`, `default`, …). */
  readonly fields?: readonly string[];
}

export interface PlanStep {
  readonly phase: MigrationPhaseFile;
  /** The file the step's SQL is in, e.g. `expand.sql`. */
  readonly file: `${MigrationPhaseFile}.sql`;
  /** Position of the step among the steps of its file, from 0. */
  readonly index: number;
  /** The strongest lock the step takes. */
  readonly lock: LockLevel;
  readonly rewrites: Step['rewrites'];
  readonly transactional: boolean;
  readonly batch: { readonly size: number } | null;
  readonly hazards: readonly PlanHazard[];
  /** The kind of change the step comes from, e.g. `column.add`. */
  readonly change: string;
  readonly summary: string;
  /** Absent in plan.json files written before it was recorded, and for other kinds of change. */
  readonly target?: PlanTarget;
}

export interface PlanJson {
  readonly pgtide: 1;
  /** Hashes of the schema before and after the migration. */
  readonly from: string;
  readonly to: string;
  readonly steps: PlanStep[];
}

/** Where in the value a problem is (`.steps[2].lock`, '' for the value itself) and what it is. */
interface Problem {
  readonly at: string;
  readonly problem: string;
}
type Check = (value: unknown) => Problem | null;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const here = (problem: string): Problem => ({ at: '', problem });
const test =
  (ok: (v: unknown) => boolean, problem: string): Check =>
  (v) =>
    ok(v) ? null : here(problem);
const str = test((v) => typeof v === 'string', 'must be a string');
const bool = test((v) => typeof v === 'boolean', 'must be true or false');
const oneOf = (values: readonly string[]): Check =>
  test((v) => typeof v === 'string' && values.includes(v), `must be one of ${values.map((x) => `"${x}"`).join(', ')}`);
const count = test((v) => Number.isInteger(v) && (v as number) >= 0, 'must be a whole number ≥ 0');
const positive = test((v) => Number.isInteger(v) && (v as number) > 0, 'must be a whole number > 0');

// Records over the planner's unions: a value added there fails to compile here until it is listed.
const LOCKS: Record<LockLevel, true> = {
  none: true,
  'ACCESS SHARE': true,
  'ROW SHARE': true,
  'ROW EXCLUSIVE': true,
  'SHARE UPDATE EXCLUSIVE': true,
  SHARE: true,
  'SHARE ROW EXCLUSIVE': true,
  EXCLUSIVE: true,
  'ACCESS EXCLUSIVE': true,
};
const REWRITES: Record<Step['rewrites'], true> = { none: true, scan: true, rewrite: true };
const HAZARD_KINDS: Record<HazardKind, true> = {
  'data-loss': true,
  rewrite: true,
  'blocking-lock': true,
  breaking: true,
  'validation-scan': true,
  'non-transactional': true,
};
const RISKS: Record<Risk, true> = { low: true, medium: true, high: true };

function checkObject(value: unknown, fields: Readonly<Record<string, Check>>): Problem | null {
  if (!isRecord(value)) return here('must be an object');
  for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) return here(`has an unknown field "${key}"`);
  for (const [key, check] of Object.entries(fields)) {
    const found = check(value[key]);
    if (found) return { at: `.${key}${found.at}`, problem: found.problem };
  }
  return null;
}

const list =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return here('must be an array');
    for (let i = 0; i < v.length; i++) {
      const found = item(v[i]);
      if (found) return { at: `[${i}]${found.at}`, problem: found.problem };
    }
    return null;
  };

// Keyed by every field of the type, so a field added to the interface must be validated here too.
const HAZARD_FIELDS: { readonly [K in keyof PlanHazard]-?: Check } = {
  kind: oneOf(Object.keys(HAZARD_KINDS)),
  risk: oneOf(Object.keys(RISKS)),
  reason: str,
};

const STEP_FIELDS: { readonly [K in keyof PlanStep]-?: Check } = {
  phase: oneOf(PHASE_FILES),
  file: oneOf(PHASE_FILES.map((p) => FILE_NAMES[p])),
  index: count,
  lock: oneOf(Object.keys(LOCKS)),
  rewrites: oneOf(Object.keys(REWRITES)),
  transactional: bool,
  batch: (v) => (v === null ? null : checkObject(v, { size: positive })),
  hazards: list((v) => checkObject(v, HAZARD_FIELDS)),
  change: str,
  summary: str,
  target: (v) => (v === undefined ? null : checkObject(v, {
    schema: str, name: str, column: (c) => (c === undefined ? null : str(c)), fields: (f) => (f === undefined ? null : list(str)(f)),
  })),
};

const PLAN_FIELDS: { readonly [K in keyof PlanJson]-?: Check } = {
  pgtide: test((v) => v === 1, 'must be 1 (this plan.json was written by another pgtide version)'),
  from: str,
  to: str,
  steps: list((v) => {
    const found = checkObject(v, STEP_FIELDS);
    if (found || !isRecord(v)) return found;
    return v.file === `${String(v.phase)}.sql` ? null : { at: '.file', problem: `must be the file of its phase, "${String(v.phase)}.sql"` };
  }),
};

/** Validates parsed plan.json content; a string is the problem, e.g. `plan.steps[0].lock must be a string`. */
export function validatePlan(value: unknown): PlanJson | string {
  const found = checkObject(value, PLAN_FIELDS);
  return found === null ? (value as PlanJson) : `plan${found.at} ${found.problem}`;
}

/** The exact text written to plan.json (and hashed into pgtide.sum for folders built in memory). */
export function serializePlan(plan: PlanJson): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
