import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPgtideError, usageError } from '../errors.js';
import { readUtf8 } from './utf8.js';

export type ModuleFormat = 'module' | 'commonjs';

/**
 * How Node runs a file, the rule tsx follows too: .mts/.mjs are ES modules, .cts/.cjs CommonJS, and
 * any other file what the nearest package.json's "type" says, CommonJS when it says nothing (as in
 * an app made by `npm init`) or when there is no package.json.
 */
export function moduleFormat(file: string): ModuleFormat {
  const ext = path.extname(file);
  if (ext === '.mts' || ext === '.mjs') return 'module';
  if (ext === '.cts' || ext === '.cjs') return 'commonjs';
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) return packageType(pkg);
    if (path.dirname(dir) === dir) return 'commonjs';
  }
}

function packageType(pkg: string): ModuleFormat {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(pkg, 'utf8'));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw usageError(`${pkg}: not valid JSON (${message}), so pgtide cannot tell whether the schema modules next to it are ES modules or CommonJS. Fix the file and run the command again.`, err);
  }
  const type = typeof parsed === 'object' && parsed !== null ? (parsed as { type?: unknown }).type : undefined;
  return type === 'module' ? 'module' : 'commonjs';
}

let loads = 0;

/**
 * Imports a user's TypeScript modules; their failures are the user's to fix (exit 2). Each result
 * is the module's namespace as `import * as ns` would see it, whatever the module's format. The
 * modules of one call share a tsx namespace, so a module that several of them import (an index.ts
 * re-exporting the others) is loaded once and its declarations are the same objects everywhere;
 * each call gets a namespace of its own, so edited files are read afresh by the next call.
 */
export async function importUserModules(files: readonly string[]): Promise<Record<string, unknown>[]> {
  // tsx is loaded only when a module is imported: commands that read only databases never pay for it.
  const [esm, cjs] = await Promise.all([import('tsx/esm/api'), import('tsx/cjs/api')]);
  const namespace = `pgtide-${process.pid}-${++loads}`;
  // Both loaders, as tsImport registers them: an ES module may import CommonJS files and the other
  // way round. Left registered, as tsImport leaves them: a module may still import lazily after it
  // was loaded.
  const required = cjs.register({ namespace });
  const imported = esm.register({ namespace });
  const out: Record<string, unknown>[] = [];
  for (const file of files) {
    if (existsSync(file)) await readUtf8(file);
    const format = moduleFormat(file);
    try {
      out.push(
        format === 'commonjs'
          ? commonJsNamespace(required.require(file, import.meta.url))
          : ((await imported.import(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>),
      );
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

/**
 * A CommonJS module is required, not imported: importing it gives only the names Node's lexer can
 * read from the compiled text, and it cannot follow an `export * from './a.js'` that tsx resolves
 * to a .ts file, so every re-exported declaration was missing (or the import failed outright).
 * `module.exports` holds them all, re-exports as getters. A TypeScript or ES module compiled to
 * CommonJS is marked `__esModule` and its exports object is its namespace; a hand-written
 * CommonJS module's namespace is what `import` makes of it: its properties, and itself as default.
 */
function commonJsNamespace(exports: unknown): Record<string, unknown> {
  if (typeof exports !== 'object' || exports === null) return { default: exports };
  if ((exports as { __esModule?: unknown }).__esModule === true) return { ...exports };
  return { ...exports, default: exports };
}
