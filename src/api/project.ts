import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { classifySource, requireDatabase } from '../db/url.js';
import { usageError } from '../errors.js';
import { importUserModule } from './user-modules.js';
import { configProblem, type PgtideConfig } from '../dsl/config.js';

export const DEFAULT_CONFIG = 'schema.config.ts';
export const DEFAULT_DATABASE = 'pglite:.pgtide/dev';

export interface Project {
  readonly configPath: string;
  readonly root: string;
  readonly config: PgtideConfig;
  /** Absolute path of the migrations folder. */
  readonly migrationsDir: string;
}

export async function loadProject(configOption: string | undefined, cwd = process.cwd()): Promise<Project> {
  const configPath = path.resolve(cwd, configOption ?? DEFAULT_CONFIG);
  if (!existsSync(configPath)) {
    throw usageError(
      `No pgtide config at ${configPath}. Run "pgtide init" to create one, or pass --config <path> to point at yours.`,
    );
  }
  const mod = await importUserModule(configPath);
  const config = (mod.default ?? mod.config) as PgtideConfig | undefined;
  if (!config || typeof config !== 'object') {
    throw usageError(`${configPath}: the config must "export default defineConfig({ … })".`);
  }
  const problem = configProblem(config);
  if (problem !== null) throw usageError(`${configPath}: ${problem}.`);
  const root = path.dirname(configPath);
  return Object.freeze({
    configPath,
    root,
    config,
    migrationsDir: path.resolve(root, config.migrations ?? 'generated/migrations'),
  });
}

/**
 * --database flag, then DATABASE_URL, then the config, then the embedded PGlite folder. The chosen
 * source is parsed here, so that one that does not parse is refused (exit 2, naming where it came
 * from but never echoing it) before any command does anything with it.
 */
export function resolveDatabase(project: Project | null, flag: string | undefined, cwd = process.cwd()): string {
  const env = process.env.DATABASE_URL;
  const configured = project?.config.database;
  const [chosen, origin] =
    flag !== undefined ? [flag, '--database']
    : env !== undefined ? [env, 'DATABASE_URL']
    : configured !== undefined ? [configured, `"database" in ${project?.configPath ?? 'the config'}`]
    : [DEFAULT_DATABASE, 'The default database'];
  if (typeof chosen !== 'string') throw usageError(`${origin} must be a string (a postgres:// URL, pglite:memory or pglite:<dir>).`);
  return resolveDatabaseSource(chosen, project?.root ?? cwd, origin);
}

/** A source that must be a database (parsed, and refused naming `origin` when it does not parse). */
export function resolveDatabaseSource(source: string, base: string, origin: string): string {
  requireDatabase(source, origin);
  return resolveLocalSource(source, base, origin);
}

/**
 * Relative `pglite:<dir>` folders are relative to the project, not to wherever the command ran. A
 * source that looks like a database but does not parse is refused, naming `origin`.
 */
export function resolveLocalSource(source: string, base: string, origin = 'The source'): string {
  const parsed = classifySource(source, origin);
  if (parsed?.type === 'pglite-dir') return `pglite:${path.resolve(base, parsed.dir)}`;
  return source;
}

const SCHEMA_EXTENSIONS = ['.ts', '.mts', '.sql'];

/** Expands the config's schema entries (files, folders, `*` in the last segment) to sorted files. */
export async function schemaFiles(project: Project): Promise<string[]> {
  const entries = project.config.schema === undefined ? ['schema'] : [project.config.schema].flat();
  const files = new Set<string>();
  for (const entry of entries) {
    for (const file of await expandEntry(path.resolve(project.root, entry))) files.add(file);
  }
  if (files.size === 0) {
    throw usageError(`${project.configPath}: "schema" matches no .ts or .sql files (${entries.join(', ')}). Point it at your schema modules.`);
  }
  return [...files].sort();
}

async function expandEntry(abs: string): Promise<string[]> {
  const base = path.basename(abs);
  if (base.includes('*')) {
    const dir = path.dirname(abs);
    const re = new RegExp(`^${base.split('*').map(escapeRe).join('.*')}$`);
    if (!existsSync(dir)) return [];
    return (await readdir(dir)).filter((f) => re.test(f)).map((f) => path.join(dir, f));
  }
  if (!existsSync(abs)) throw usageError(`Schema path ${abs} does not exist. Fix "schema" in your config.`);
  if (statSync(abs).isDirectory()) {
    const found = await readdir(abs, { recursive: true });
    return found
      .filter((f) => SCHEMA_EXTENSIONS.includes(path.extname(f)) && !f.endsWith('.d.ts'))
      .map((f) => path.join(abs, f));
  }
  return [abs];
}

function escapeRe(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
