import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { migrationDir, type MigrationDir } from './dir.js';
import { errnoCode, MigrationFormatError } from './errors.js';
import {
  FILE_NAMES,
  folderName,
  isSlug,
  MIGRATION_FILES,
  parseFolderName,
  parseVersion,
  PHASE_FILES,
  PLAN_FILE,
  SUM_FILE,
  type MigrationFileKind,
} from './layout.js';
import { serializePlan, validatePlan, type PlanJson } from './plan-json.js';
import { splitStatements } from './split.js';

export { newVersion, slugify, folderName, parseFolderName, type MigrationFileKind, type MigrationPhaseFile } from './layout.js';
export type { PlanHazard, PlanJson, PlanRisk, PlanStep } from './plan-json.js';

export interface MigrationFolder {
  /** `YYYYMMDDTHHMMSSZ`, e.g. `20261122T101500Z`. */
  readonly version: string;
  /** The slug after the version in the folder name. */
  readonly name: string;
  /** Path of the folder: the migrations directory's path joined with the folder name. */
  readonly dir: string;
  /** SQL text of each file present. */
  readonly files: Partial<Record<MigrationFileKind, string>>;
  readonly plan: PlanJson | null;
  /**
   * plan.json exactly as stored, so that pgtide.sum hashes the bytes on disk even if a person
   * reformatted it. Absent for folders built in memory: their canonical serialization is hashed.
   */
  readonly planText?: string;
}

export interface NewMigration {
  readonly version: string;
  readonly name: string;
  readonly files: Partial<Record<MigrationFileKind, string>>;
  readonly plan: PlanJson | null;
}

const FOLDER_FORM = '<YYYYMMDDTHHMMSSZ>_<name> with a real UTC time and a name of lowercase letters, digits and single underscores (e.g. 20261122T101500Z_add_user_role)';
const KIND_BY_FILE = new Map<string, MigrationFileKind>(MIGRATION_FILES.map((k) => [FILE_NAMES[k], k]));
const EXPECTED_FILES = [...MIGRATION_FILES.map((k) => FILE_NAMES[k]), PLAN_FILE].join(', ');
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A place in a migrations directory: `rel` for the directory, `path` for messages. */
interface Place {
  readonly rel: string;
  readonly path: string;
}

const inside = (at: Place, entry: string): Place => ({
  rel: at.rel === '' ? entry : `${at.rel}/${entry}`,
  path: join(at.path, entry),
});

/** Entry names, sorted so that errors and results do not depend on the file system's order. */
function listNames(dir: MigrationDir, at: Place): string[] | null {
  try {
    return dir.list(at.rel).sort();
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    if (errnoCode(err) === 'ENOTDIR') throw new MigrationFormatError(at.path, null, 'is a file, but the migrations directory must be a folder', { cause: err });
    throw err;
  }
}

/** Reads a text file; the text keeps a BOM if there is one, so it encodes back to the same bytes. */
function readText(dir: MigrationDir, at: Place): string {
  const bytes = dir.read(at.rel);
  try {
    return utf8.decode(bytes);
  } catch (err) {
    throw new MigrationFormatError(at.path, null, 'is not valid UTF-8 text; migration files must be saved as UTF-8', { cause: err });
  }
}

function parsePlanText(text: string, path: string): PlanJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MigrationFormatError(path, null, `is not valid JSON (${err instanceof Error ? err.message : String(err)}); restore it from version control`, { cause: err });
  }
  const plan = validatePlan(value);
  if (typeof plan === 'string') throw new MigrationFormatError(path, null, `is not a pgtide plan: ${plan}; restore it from version control`);
  return plan;
}

function readFolder(dir: MigrationDir, at: Place, id: { version: string; name: string }): MigrationFolder {
  const files: Partial<Record<MigrationFileKind, string>> = {};
  let plan: PlanJson | null = null;
  let planText: string | undefined;
  for (const entry of listNames(dir, at) ?? []) {
    if (entry.startsWith('.')) continue;
    const file = inside(at, entry);
    const kind = KIND_BY_FILE.get(entry);
    if (dir.kind(file.rel) !== 'file' || (kind === undefined && entry !== PLAN_FILE)) {
      throw new MigrationFormatError(file.path, null, `is not a migration file: a migration folder holds only ${EXPECTED_FILES}; move it elsewhere`);
    }
    const text = readText(dir, file);
    if (kind === undefined) {
      plan = parsePlanText(text, file.path);
      planText = text;
    } else {
      splitStatements(text, file.path);
      files[kind] = text;
    }
  }
  if (!PHASE_FILES.some((p) => files[p] !== undefined)) {
    throw new MigrationFormatError(at.path, null, 'holds no expand.sql, migrate.sql or contract.sql; restore the files or remove the folder');
  }
  const folder = { ...id, dir: at.path, files, plan };
  return planText === undefined ? folder : { ...folder, planText };
}

const rootOf = (dir: MigrationDir): Place => ({ rel: '', path: dir.path });

/**
 * Every migration folder in `dir` (a path, or a MigrationDir), oldest first; an empty list when
 * `dir` does not exist. Entries whose names start with a dot are skipped: they are hidden files and
 * writeMigration's unfinished temporary folders.
 */
export async function readMigrations(dir: string | MigrationDir): Promise<MigrationFolder[]> {
  const d = migrationDir(dir);
  const root = rootOf(d);
  const names = listNames(d, root);
  if (!names) return [];
  const folders: MigrationFolder[] = [];
  for (const entry of names) {
    if (entry.startsWith('.')) continue;
    const at = inside(root, entry);
    const kind = d.kind(at.rel);
    if (entry === SUM_FILE && kind === 'file') continue;
    if (kind !== 'dir') {
      throw new MigrationFormatError(at.path, null, `does not belong in the migrations directory, which holds only migration folders and ${SUM_FILE}; move it elsewhere`);
    }
    const id = parseFolderName(entry);
    if (!id) throw new MigrationFormatError(at.path, null, `is not a migration folder name: expected ${FOLDER_FORM}`);
    folders.push(readFolder(d, at, id));
  }
  folders.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  for (let i = 1; i < folders.length; i++) {
    const [a, b] = [folders[i - 1]!, folders[i]!];
    if (a.version === b.version) {
      throw new MigrationFormatError(b.dir, null, `has the same version as ${a.dir}; versions order the history, so give one of them a later version`);
    }
  }
  return folders;
}

function validateNew(m: NewMigration): void {
  const where = folderName(m);
  if (!parseVersion(m.version)) throw new MigrationFormatError(where, null, `"${m.version}" is not a migration version (YYYYMMDDTHHMMSSZ); use newVersion()`);
  if (!isSlug(m.name)) throw new MigrationFormatError(where, null, `"${m.name}" is not a migration name slug; use slugify()`);
  if (!PHASE_FILES.some((p) => m.files[p] !== undefined)) {
    throw new MigrationFormatError(where, null, 'a migration needs at least one of expand.sql, migrate.sql or contract.sql');
  }
  for (const kind of MIGRATION_FILES) {
    const text = m.files[kind];
    if (text !== undefined) splitStatements(text, `${where}/${FILE_NAMES[kind]}`);
  }
  if (m.plan !== null) {
    const problem = validatePlan(JSON.parse(serializePlan(m.plan)));
    if (typeof problem === 'string') throw new MigrationFormatError(`${where}/${PLAN_FILE}`, null, `would not read back: ${problem}`);
  }
}

async function refuseExisting(dir: MigrationDir, m: NewMigration): Promise<void> {
  const root = rootOf(dir);
  for (const entry of listNames(dir, root) ?? []) {
    const id = parseFolderName(entry);
    if (entry === folderName(m) || id?.version === m.version) {
      throw new MigrationFormatError(inside(root, entry).path, null, `already exists with version ${m.version}; pgtide never overwrites a migration: choose a new version (newVersion())`);
    }
  }
}

/**
 * Writes a new migration folder into `dir` (a path, or a MigrationDir) and returns its path. The
 * files are written into a hidden temporary folder next to it and renamed into place, so readers
 * see the whole folder or none.
 */
export async function writeMigration(dir: string | MigrationDir, m: NewMigration): Promise<string> {
  validateNew(m);
  const d = migrationDir(dir);
  await d.mkdir('', { parents: true });
  await refuseExisting(d, m);
  const target = folderName(m);
  const tmp = `.tmp-${folderName(m)}-${randomBytes(4).toString('hex')}`;
  await d.mkdir(tmp, { parents: false });
  try {
    for (const kind of MIGRATION_FILES) {
      const text = m.files[kind];
      if (text !== undefined) await d.create(`${tmp}/${FILE_NAMES[kind]}`, text);
    }
    if (m.plan !== null) await d.create(`${tmp}/${PLAN_FILE}`, serializePlan(m.plan));
    // rename() silently replaces an empty directory, so look again right before it.
    await refuseExisting(d, m);
    await d.rename(tmp, target);
  } catch (err) {
    await d.remove(tmp);
    throw err;
  }
  return inside(rootOf(d), target).path;
}
