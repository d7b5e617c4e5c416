import { usageError } from '../errors.js';
import { isDurationText, type Duration } from '../util/duration.js';
import { nearest } from '../util/nearest.js';
import { captureLocation } from './location.js';

/** The planner's hazard kinds (src/plan/step.ts HazardKind), spelled out here: the DSL sits below the planner. */
export const APPROVABLE_HAZARDS = ['data-loss', 'rewrite', 'blocking-lock', 'breaking', 'validation-scan', 'non-transactional'] as const;
export type ApprovableHazard = (typeof APPROVABLE_HAZARDS)[number];

export type { Duration };

export interface PgtideConfig {
  /** Schema modules (.ts) and .sql files or folders, relative to the config file; `*` globs the last segment. */
  readonly schema: string | readonly string[];
  /** Folder of migration folders and pgtide.sum, relative to the config file. Default `./generated/migrations`. */
  readonly migrations?: string;
  /** Default target database (`postgres://…`, a libpq `host=… dbname=…` string, `pglite:<dir>`); `--database` and DATABASE_URL win over it. */
  readonly database?: string;
  /** Schemas pgtide manages; objects in other schemas are never created, altered or dropped. Default: every schema the declarations use, plus public. */
  readonly schemas?: readonly string[];
  /**
   * Objects pgtide leaves alone (never creates, alters or drops), as patterns over object ids with
   * `*` for any text: `'view:reporting.*'`, `'function:public.legacy_*'`, `'*:public.tmp_*'`. Kinds:
   * schema, extension, enum, sequence, table, constraint, index, view, function, trigger, policy, privilege.
   */
  readonly ignore?: readonly string[];
  /** lock_timeout for each migration step, so a blocked DDL gives up instead of queueing the app behind it. */
  readonly lockTimeout?: Duration;
  /** statement_timeout for each migration step (batched backfills apply it per batch). */
  readonly statementTimeout?: Duration;
  /**
   * statement_timeout written into generated migrations for steps that read or rewrite a whole
   * table (index builds, VALIDATE CONSTRAINT, table rewrites), which the ordinary limit would cancel
   * on a large table. Default 4h; 0 for none.
   */
  readonly longStatementTimeout?: Duration;
  /** How often a step that hit lock_timeout is retried, with backoff, before apply fails. */
  readonly lockRetries?: number;
  /** How long `apply` and `rollback` wait for another pgtide process's migration lock before giving up (exit 3). Default 1min. */
  readonly lockWaitTimeout?: Duration;
  /** Rows per batch for generated backfills. */
  readonly batchSize?: number;
  /**
   * How the declared order of a table's columns counts. 'append' (default): new columns go at the
   * end, as ALTER TABLE puts them, and order is not compared. 'exact': the database must list columns
   * in the declared order; renames and type changes are made in place (no shadow column, which would
   * move the column), and a table that appending cannot bring into order is rebuilt with its rows.
   */
  readonly columnOrder?: 'append' | 'exact';
  /**
   * Hazard kinds this project approves for every migration, as `--allow-hazards` does for one run
   * (e.g. `['non-transactional', 'validation-scan']`). Data loss is better approved per run.
   */
  readonly allowHazards?: readonly ApprovableHazard[];
  /** Output paths of `pgtide types`, relative to the config file. */
  readonly types?: { readonly output?: string; readonly jsonSchema?: string };
}

// Records over keyof, so that a setting added to PgtideConfig without a line here fails to compile.
const SETTINGS: Record<keyof PgtideConfig, true> = {
  schema: true, migrations: true, database: true, schemas: true, ignore: true, lockTimeout: true,
  statementTimeout: true, longStatementTimeout: true, lockRetries: true, lockWaitTimeout: true,
  batchSize: true, columnOrder: true, allowHazards: true, types: true,
};
const TYPES_SETTINGS: Record<keyof NonNullable<PgtideConfig['types']>, true> = { output: true, jsonSchema: true };

/** A config mistake, as a sentence without the file, which the caller knows and adds. */
class ConfigProblem extends Error {}

function fail(field: string, expected: string, got: unknown): never {
  throw new ConfigProblem(`the setting "${field}" must be ${expected}, got ${JSON.stringify(got) ?? String(got)}`);
}

/** A misspelt key would otherwise be dropped without a word and its setting silently not apply. */
function checkKeys(value: object, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key)) continue;
    const guess = nearest(key, known);
    const hint = guess === null ? '' : ` (did you mean "${prefix}${guess}"?)`;
    throw new ConfigProblem(
      `"${prefix}${key}" is not a pgtide setting${hint}; the settings${prefix === '' ? '' : ` of "${prefix.slice(0, -1)}"`} are ${known.join(', ')}. Fix the key or remove it`,
    );
  }
}

function checkDuration(field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value === 'number' ? value < 0 || !Number.isFinite(value) : typeof value !== 'string' || !isDurationText(value)) {
    fail(field, "a number of milliseconds or a duration such as '5s'", value);
  }
}

function checkCount(field: string, value: unknown, min: number): void {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < min)) {
    fail(field, `an integer of at least ${min}`, value);
  }
}

function checkString(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.length === 0)) fail(field, 'a non-empty string', value);
}

function checkSchema(value: unknown): void {
  const list = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length === 0 || list.some((entry) => typeof entry !== 'string' || entry.length === 0)) {
    fail('schema', 'a path or a non-empty list of paths', value);
  }
}

function checkTypes(value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('types', '{ output?, jsonSchema? }', value);
  checkKeys(value, Object.keys(TYPES_SETTINGS), 'types.');
  const types = value as NonNullable<PgtideConfig['types']>;
  checkString('types.output', types.output);
  checkString('types.jsonSchema', types.jsonSchema);
}

function checkConfig(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigProblem('the config must be an object: "export default defineConfig({ schema: [...] })"');
  }
  checkKeys(value, Object.keys(SETTINGS), '');
  const config = value as PgtideConfig;
  checkSchema(config.schema);
  checkString('migrations', config.migrations);
  checkString('database', config.database);
  // Schema names reach SQL as identifiers, which can be neither empty nor hold a NUL.
  if (config.schemas !== undefined
    && (!Array.isArray(config.schemas) || config.schemas.some((s) => typeof s !== 'string' || s.length === 0 || s.includes('\0')))) {
    fail('schemas', 'a list of schema names, none empty or holding a NUL character', config.schemas);
  }
  if (config.ignore !== undefined && (!Array.isArray(config.ignore) || config.ignore.some((s) => typeof s !== 'string' || !s.includes(':')))) {
    fail('ignore', "a list of patterns such as 'view:reporting.*'", config.ignore);
  }
  checkDuration('lockTimeout', config.lockTimeout);
  checkDuration('statementTimeout', config.statementTimeout);
  checkDuration('longStatementTimeout', config.longStatementTimeout);
  checkCount('lockRetries', config.lockRetries, 0);
  checkDuration('lockWaitTimeout', config.lockWaitTimeout);
  checkCount('batchSize', config.batchSize, 1);
  if (config.columnOrder !== undefined && config.columnOrder !== 'append' && config.columnOrder !== 'exact') {
    fail('columnOrder', "'append' or 'exact'", config.columnOrder);
  }
  const kinds: readonly string[] = APPROVABLE_HAZARDS;
  if (config.allowHazards !== undefined
    && (!Array.isArray(config.allowHazards) || config.allowHazards.some((k) => !kinds.includes(k)))) {
    fail('allowHazards', `a list of hazard kinds (${APPROVABLE_HAZARDS.join(', ')})`, config.allowHazards);
  }
  checkTypes(config.types);
}

/** What is wrong with a config's shape, as one sentence without the file, or null when nothing is. */
export function configProblem(config: unknown): string | null {
  try {
    checkConfig(config);
    return null;
  } catch (err) {
    if (err instanceof ConfigProblem) return err.message;
    throw err;
  }
}

/**
 * Typed identity for `schema.config.ts`. The shape is also checked here, where the config is
 * written, so the error points at the line; loadProject checks again for configs written without
 * defineConfig (plain JavaScript objects).
 */
export function defineConfig(config: PgtideConfig): PgtideConfig {
  const problem = configProblem(config);
  if (problem !== null) {
    const at = captureLocation();
    throw usageError(`${at === null ? 'schema.config.ts' : `${at.file}:${at.line}`}: ${problem}.`);
  }
  return config;
}

export const DEFAULT_MIGRATIONS_DIR = './generated/migrations';
