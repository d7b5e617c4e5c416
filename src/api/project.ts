import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { classifySource, requireDatabase } from '../db/url.js';
import { isPgtideError, usageError } from '../errors.js';
import { readUtf8 } from './utf8.js';
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

let loads = 0;

/**
 * Imports a user's TypeScript modules; their failures are the user's to fix (exit 2). The modules of
 * one call share a tsx namespace, so a module that several of them import (an index.ts re-exporting
 * the others) is loaded once and its declarations are the same objects everywhere; each call gets a
 * namespace of its own, so edited files are read afresh by the next call.
 */
export async function importUserModules(files: readonly string[]): Promise<Record<string, unknown>[]> {
  // tsx is loaded only when a module is imported: commands that read only databases never pay for it.
  const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const namespace = `pgtide-${process.pid}-${++loads}`;
  // Both loaders, as tsImport registers them: outside a "type": "module" package, tsx compiles a
  // schema file to CommonJS, whose imports go through require. Left registered, as tsImport leaves
  // them: a module may still import lazily after it was loaded.
  cjs.register({ namespace });
  const api = esm.register({ namespace });
  const out: Record<string, unknown>[] = [];
  for (const file of files) {
    if (existsSync(file)) await readUtf8(file);
    try {
      out.push((await api.import(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>);
    } catch (err) {
      // pgtide's own errors (a declaration or config the DSL refused) already name the file and line.
      if (isPgtideError(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw usageError(`${file}: the module could not be loaded: ${message.trim()}. Fix the file and run the command again.`, err);
    }
  }
  return out;
}

export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  return (await importUserModules([file]))[0]!;
}

export async function loadProject(configOption: string | undefined, cwd = process.cwd()): Promise<Project> {
  const configPath = path.resolve(cwd, configOption ?? DEFAULT_CONFIG);
  if (!existsSync(configPath)) {
    throw usageError(
      `No pgtide config at ${configPath}. Run "pgtide init" to create one, or pass --config <path> to point at yours.`,
    );
  }
  const mod = await importUserModule(configPath);
  const config = (defaultExport(mod) ?? mod.config) as PgtideConfig | undefined;
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
 * tsx loads a .ts file outside a `"type": "module"` package as CommonJS, and Node hands its
 * `export default` over wrapped once more (`{ default: config }`); unwrap it, or every setting
 * in the config would be silently ignored.
 */
function defaultExport(mod: Record<string, unknown>): unknown {
  const value = mod.default;
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && 'default' in value) {
    return (value as { default: unknown }).default;
  }
  return value;
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
