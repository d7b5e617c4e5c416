import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { PGliteOptions } from '@electric-sql/pglite';
import { writeAtomically } from '../util/write-atomically.js';

/**
 * The cached start of PGlite. A cold PGlite.create() runs initdb (~2.5 s); restoring a tarball of an
 * initialised data folder takes ~0.3 s, and reusing the compiled WASM module and the file-system
 * bundle inside one process saves another ~0.1 s per instance. Measured on PGlite 0.5.16: restoring
 * the tarball into memory (~0.3 s) beats copying a template folder and opening it (~0.6 s), so the
 * cache holds one uncompressed tarball (gzip made each start ~0.15 s slower for 36 MB less disk).
 */

type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;

// The compile target here (ES2023 lib without DOM) declares WebAssembly's types but not its value.
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } })
  .WebAssembly;

export interface PgliteAssets {
  readonly template: Blob;
  readonly wasmModule: WasmModule;
  readonly fsBundle: Blob;
}

const TEMPLATE_FILE = 'template.tar';

function pgliteDistDir(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('@electric-sql/pglite'));
}

let versionMemo: string | undefined;
/** The installed PGlite version: the template is only valid for the build that wrote it. */
export function pgliteVersion(): string {
  if (versionMemo === undefined) {
    // Read, not require()d: once tsx has loaded the config, require() runs through its hooks (~30 ms).
    const pkg = JSON.parse(readFileSync(path.join(pgliteDistDir(), '..', 'package.json'), 'utf8')) as { version?: unknown };
    versionMemo = typeof pkg.version === 'string' ? pkg.version : 'unknown';
  }
  return versionMemo;
}

/**
 * Cache folders to try, best first: PGTIDE_CACHE_DIR, the node_modules that holds PGlite (so the
 * cache goes away with a clean install), then the OS temp folder.
 */
export function templateCacheDirs(): string[] {
  const leaf = `pglite-${pgliteVersion()}`;
  const dirs: string[] = [];
  const fromEnv = process.env.PGTIDE_CACHE_DIR;
  if (fromEnv) dirs.push(path.join(path.resolve(fromEnv), leaf));
  const pkgDir = path.resolve(pgliteDistDir(), '..');
  const nodeModules = path.resolve(pkgDir, '..', '..');
  if (path.basename(nodeModules) === 'node_modules') dirs.push(path.join(nodeModules, '.cache', 'pgtide', leaf));
  dirs.push(path.join(os.tmpdir(), 'pgtide-cache', leaf));
  return dirs;
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

async function initTemplate(assets: Omit<PgliteAssets, 'template'>): Promise<Uint8Array> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create({ pgliteWasmModule: assets.wasmModule, fsBundle: assets.fsBundle });
  try {
    const dump = await db.dumpDataDir('none');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await db.close();
  }
}

async function loadOrCreateTemplate(assets: Omit<PgliteAssets, 'template'>): Promise<Blob> {
  const dirs = templateCacheDirs();
  for (const dir of dirs) {
    const cached = await readIfExists(path.join(dir, TEMPLATE_FILE));
    if (cached) return new Blob([cached]);
  }
  const tarball = await initTemplate(assets);
  for (const dir of dirs) {
    try {
      await writeAtomically(path.join(dir, TEMPLATE_FILE), tarball);
      break;
    } catch {
      // Not writable (read-only install, sandbox): try the next folder; the tarball still serves
      // this process from memory.
    }
  }
  return new Blob([tarball]);
}

async function loadAssets(): Promise<PgliteAssets> {
  const dist = pgliteDistDir();
  const [wasmBytes, data] = await Promise.all([
    readFile(path.join(dist, 'pglite.wasm')),
    readFile(path.join(dist, 'pglite.data')),
  ]);
  const base = { wasmModule: await wasm.compile(wasmBytes), fsBundle: new Blob([data]) };
  return { ...base, template: await loadOrCreateTemplate(base) };
}

let assetsMemo: Promise<PgliteAssets> | undefined;
/** The template, compiled module and bundle, loaded once per process. */
export function pgliteAssets(): Promise<PgliteAssets> {
  if (!assetsMemo) {
    assetsMemo = loadAssets();
    // A failed load (disk full, killed initdb) must not poison every later call in this process.
    assetsMemo.catch(() => {
      assetsMemo = undefined;
    });
  }
  return assetsMemo;
}

/** The cached template file, if one exists (for tests and `--debug` output). */
export async function cachedTemplatePath(): Promise<string | null> {
  for (const dir of templateCacheDirs()) {
    const file = path.join(dir, TEMPLATE_FILE);
    try {
      await access(file);
      return file;
    } catch {
      // try the next folder
    }
  }
  return null;
}
