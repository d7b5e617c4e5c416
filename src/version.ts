import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let versionMemo: string | undefined;
/** pgtide's own version, from its package.json (one level up from both src/ and dist/). */
export function pgtideVersion(): string {
  if (versionMemo === undefined) {
    // Read, not require()d: once tsx has loaded the config, require() runs through its hooks.
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version?: unknown };
    versionMemo = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  }
  return versionMemo;
}

let buildMemo: string | undefined;
/**
 * The version plus a hash of every module of the running build (dist/*.js, or src/*.ts when run
 * from source). Caches of replayed and normalized schemas are keyed by it: a new pgtide, or a
 * rebuilt checkout whose version number did not move, may replay or introspect differently, and
 * must not be handed what an older one stored. Reading and hashing ~600 KB takes ~20 ms.
 */
export function pgtideBuild(): string {
  if (buildMemo === undefined) {
    const root = path.dirname(fileURLToPath(import.meta.url));
    const files = moduleFiles(root, '').sort();
    const h = createHash('sha256');
    for (const file of files) h.update(`${file}\n`).update(readFileSync(path.join(root, file))).update('\n');
    buildMemo = `${pgtideVersion()}+${h.digest('hex').slice(0, 16)}`;
  }
  return buildMemo;
}

/** Relative paths of the .js/.ts modules under `dir` (readdirSync's own recursion is ~20× slower). */
function moduleFiles(dir: string, rel: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...moduleFiles(path.join(dir, entry.name), name));
    else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(name);
  }
  return out;
}
