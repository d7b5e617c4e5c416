import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { usageError } from '../errors.js';
import { readUtf8 } from './utf8.js';
import type { PgtideConfig } from '../dsl/config.js';

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
      out.push(commonJsExports((await api.import(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw usageError(`${file}: the module could not be loaded: ${message.trim()}. Fix the file and run the command again.`, err);
    }
  }
  return out;
}

/**
 * Outside a `"type": "module"` package (a package.json that `npm init` writes), tsx compiles a module
 * to CommonJS, and Node lists in the ES namespace only the exports it can find by scanning that code:
 * an index.ts that re-exports the others (`export * from './public.js'`, as `pull` writes it) shows
 * none of them, only `default`, which is `module.exports` and holds them all. tsx marks such an
 * object `__esModule`; its properties are the module's exports.
 */
function commonJsExports(namespace: Record<string, unknown>): Record<string, unknown> {
  const moduleExports = namespace.default;
  if (typeof moduleExports !== 'object' || moduleExports === null || !('__esModule' in moduleExports) || moduleExports.__esModule !== true) {
    return namespace;
  }
  const out: Record<string, unknown> = { ...namespace };
  for (const key of Object.keys(moduleExports)) out[key] = (moduleExports as Record<string, unknown>)[key];
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

/** --database flag, then DATABASE_URL, then the config, then the embedded PGlite folder. */
export function resolveDatabase(project: Project | null, flag: string | undefined, cwd = process.cwd()): string {
  const chosen = flag ?? process.env.DATABASE_URL ?? project?.config.database ?? DEFAULT_DATABASE;
  return resolveLocalSource(chosen, project?.root ?? cwd);
}

/** Relative `pglite:<dir>` folders are relative to the project, not to wherever the command ran. */
export function resolveLocalSource(source: string, base: string): string {
  if (source.startsWith('pglite:') && source !== 'pglite:memory') {
    return `pglite:${path.resolve(base, source.slice('pglite:'.length))}`;
  }
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
