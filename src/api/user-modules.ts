import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerCompiledModule, userLocation, type CompiledLines } from '../dsl/location.js';
import { isPgtideError, usageError } from '../errors.js';
import { projectCacheDir } from '../util/cache-dir.js';
import { compileModules } from './module-bundle.js';
import { provideInstance } from './pgtide-instance.js';
import { readUtf8 } from './utf8.js';

let loads = 0;

/**
 * Imports a user's TypeScript modules; their failures are the user's to fix (exit 2). Each result
 * is the module's namespace as `import * as ns` would see it, whatever the module's format (ES
 * module or CommonJS, by extension or package.json: the compiled module is an ES module either
 * way, see module-bundle.ts). The modules of one call are compiled together, so a module that
 * several of them import (an index.ts re-exporting the others) is evaluated once and its
 * declarations are the same objects everywhere; each call evaluates afresh, so edited files are
 * read by the next call.
 */
export async function importUserModules(files: readonly string[], cacheDir?: string): Promise<Record<string, unknown>[]> {
  if (files.length === 0) return [];
  for (const file of files) {
    if (!existsSync(file)) throw usageError(`${file}: the module could not be loaded: the file does not exist. Fix the path and run the command again.`);
    // Refuses a file that is not UTF-8 with pgtide's own message, before the compiler reads it.
    await readUtf8(file);
  }
  const compiled = await compileModules(files.map((f) => path.resolve(f)), cacheDir ?? defaultCacheDir(files[0]!));
  await provideInstance(compiled.rest);
  // The declaration sites the DSL records, and a user's own error, are the user's files and lines.
  const lines = await sourceLines(compiled.map);
  registerCompiledModule(compiled.file, lines);
  try {
    // A query of its own per call: Node evaluates the module again instead of handing back the last one.
    const url = `${pathToFileURL(compiled.file).href}?load=${++loads}`;
    const loaded = (await import(url)) as { modules: Record<string, unknown>[] };
    return loaded.modules.map((ns) => ({ ...ns }));
  } catch (err) {
    // pgtide's own errors (a declaration or config the DSL refused) already name the file and line.
    if (isPgtideError(err)) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const site = err instanceof Error ? userLocation(err.stack ?? '') : null;
    const where = site !== null && compiled.sources.includes(site.file) ? `${site.file}:${site.line}` : files.join(', ');
    throw usageError(`${where}: the module could not be loaded: ${message.trim()}. Fix the file and run the command again.`, err);
  }
}

export async function importUserModule(file: string, cacheDir?: string): Promise<Record<string, unknown>> {
  return (await importUserModules([file], cacheDir))[0]!;
}

/** The compiled module's lines mapped to the user's, through its source map. */
async function sourceLines(mapFile: string): Promise<CompiledLines> {
  const map = new SourceMap(JSON.parse(await readFile(mapFile, 'utf8')) as SourceMapPayload);
  return (line, column) => {
    const entry = map.findEntry(line - 1, column - 1) as Partial<{ originalSource: string; originalLine: number }>;
    return entry.originalSource === undefined || entry.originalLine === undefined ? null : { file: entry.originalSource, line: entry.originalLine + 1 };
  };
}

/** The cache folder of the project a file belongs to: the nearest folder with a package.json. */
function defaultCacheDir(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return projectCacheDir(dir, 'modules');
    if (path.dirname(dir) === dir) return projectCacheDir(start, 'modules');
  }
}
