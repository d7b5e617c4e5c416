import type { MigrationPhaseFile } from './layout.js';

/**
 * plan.json: what the planner decided for one migration, kept next to the SQL so that `apply`,
 * `status` and reviewers can see lock levels, transaction modes and hazards without re-planning.
 */
export type PlanRisk = 'low' | 'medium' | 'high';

export interface PlanHazard {
  readonly kind: string;
  readonly risk: PlanRisk;
  readonly reason: string;
}

export interface PlanStep {
  readonly phase: MigrationPhaseFile;
  /** The file the step's SQL is in, e.g. `expand.sql`. */
  readonly file: `${MigrationPhaseFile}.sql`;
  /** Position of the step among the steps of its file, from 0. */
  readonly index: number;
  /** The strongest table lock the step takes, as the planner names it. */
  readonly lock: string;
  readonly rewrites: boolean;
  readonly transactional: boolean;
  readonly batch: { readonly size: number } | null;
  readonly hazards: readonly PlanHazard[];
  /** The kind of change the step comes from, e.g. `column.add`. */
  readonly change: string;
  readonly summary: string;
}

export interface PlanJson {
  readonly pgtide: 1;
  /** Hashes of the schema before and after the migration. */
  readonly from: string;
  readonly to: string;
  readonly steps: PlanStep[];
}

type Check = (value: unknown) => string | null;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str: Check = (v) => (typeof v === 'string' ? null : 'must be a string');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of ${values.map((x) => `"${x}"`).join(', ')}`;
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be a whole number ≥ 0');
const PHASES: readonly MigrationPhaseFile[] = ['expand', 'migrate', 'contract'];

function checkObject(value: unknown, fields: Readonly<Record<string, Check>>): string | null {
  if (!isRecord(value)) return 'must be an object';
  for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) return `has an unknown field "${key}"`;
  for (const [key, check] of Object.entries(fields)) {
    const problem = check(value[key]);
    if (problem) return `.${key} ${problem}`;
  }
  return null;
}

const list =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return 'must be an array';
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i]);
      if (problem) return `[${i}]${problem.startsWith('.') ? '' : ' '}${problem}`;
    }
    return null;
  };

// Keyed by every field of the type, so a field added to the interface must be validated here too.
const HAZARD_FIELDS: { readonly [K in keyof PlanHazard]-?: Check } = { kind: str, risk: oneOf(['low', 'medium', 'high']), reason: str };

const STEP_FIELDS: { readonly [K in keyof PlanStep]-?: Check } = {
  phase: oneOf(PHASES),
  file: oneOf(PHASES.map((p) => `${p}.sql`)),
  index: count,
  lock: str,
  rewrites: bool,
  transactional: bool,
  batch: (v) => (v === null ? null : checkObject(v, { size: (s) => (Number.isInteger(s) && (s as number) > 0 ? null : 'must be a whole number > 0') })),
  hazards: list((v) => checkObject(v, HAZARD_FIELDS)),
  change: str,
  summary: str,
};

const PLAN_FIELDS: { readonly [K in keyof PlanJson]-?: Check } = {
  pgtide: (v) => (v === 1 ? null : 'must be 1 (this plan.json was written by another pgtide version)'),
  from: str,
  to: str,
  steps: list((v) => {
    const problem = checkObject(v, STEP_FIELDS);
    if (problem || !isRecord(v)) return problem;
    return v.file === `${String(v.phase)}.sql` ? null : `.file must be the file of its phase, "${String(v.phase)}.sql"`;
  }),
};

/** Validates parsed plan.json content; the string is the problem, starting with the field path. */
export function validatePlan(value: unknown): PlanJson | string {
  const problem = checkObject(value, PLAN_FIELDS);
  return problem === null ? (value as PlanJson) : `plan${problem.startsWith('.') || problem.startsWith('[') ? '' : ' '}${problem}`;
}

/** The exact text written to plan.json (and hashed into pgtide.sum for folders built in memory). */
export function serializePlan(plan: PlanJson): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
