import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { usageError } from '../errors.js';

export type ModuleFormat = 'module' | 'commonjs';

/**
 * How Node runs a file: .mts/.mjs are ES modules, .cts/.cjs CommonJS, and any other file what the
 * nearest package.json's "type" says, CommonJS when it says nothing (as in an app made by `npm
 * init`) or when there is no package.json. It decides how a user's module loads a package.
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

