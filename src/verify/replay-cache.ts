import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { openPglite, snapshotPglite } from '../db/pglite.js';
import { pgliteVersion } from '../db/pglite-template.js';
import type { Queryable } from '../db/queryable.js';
import { computeSum, folderName, type MigrationFolder } from '../migrations/index.js';
import { projectCacheDir } from '../util/cache-dir.js';
import { writeAtomically } from '../util/write-atomically.js';
import { pgtideBuild } from '../version.js';

/**
 * Snapshots of the PGlite data folder after replaying a prefix of the history, keyed by the
 * cumulative checksum of that prefix (the chain pgtide.sum is built from, so the key of prefix k
 * covers every byte of every file of migrations 1..k), PGlite's version, pgtide's build (replay
 * follows pgtide's statement splitting and batching; see pgtideBuild) and the loaded contrib
 * bundles. Editing, adding, removing or reordering any file changes the key of every prefix that
 * contains it, so a stale snapshot is never found; earlier prefixes stay valid and are reused. A
 * `.verified` marker next to a snapshot records that `verify` proved that prefix (up → down → up
 * of each of its migrations), which depends on nothing but the same files, PGlite and pgtide.
 */
const FORMAT = 'pgtide-replay-cache-v1';
/** Snapshots are ~40 MB each; the newest few cover the usual "one more migration" cycle. */
const KEEP = 4;

export interface ReplayCache {
  readonly dir: string;
  readonly extensions: readonly string[];
}

/** The snapshots of one PGlite version, in the project's cache folder. */
export function replayCacheDir(projectRoot: string): string {
  return projectCacheDir(projectRoot, `replay-pglite-${pgliteVersion()}`);
}

/** The cache key of every prefix: keys[k] covers folders[0..k]. */
export function prefixKeys(folders: readonly MigrationFolder[], extensions: readonly string[]): string[] {
  const entries = computeSum(folders).entries;
  const keys: string[] = [];
  let i = 0;
  for (const folder of folders) {
    const prefix = `${folderName(folder)}/`;
    let chain = '';
    while (i < entries.length && entries[i]!.path.startsWith(prefix)) chain = entries[i++]!.hash;
    keys.push(createHash('sha256').update(`${FORMAT}\n${pgliteVersion()}\n${pgtideBuild()}\n${[...extensions].sort().join(',')}\n${chain}`).digest('hex'));
  }
  return keys;
}

export interface CachedStart {
  /** A PGlite holding the state after folders[0..count-1]; the caller closes it. */
  readonly db: Queryable;
  /** How many folders the snapshot already holds (0 = an empty database). */
  readonly count: number;
}

/** Opens the longest cached prefix (verified ones only, when asked), or an empty database. */
export async function openLongestPrefix(cache: ReplayCache, keys: readonly string[], opts: { verified?: boolean } = {}): Promise<CachedStart> {
  for (let k = keys.length - 1; k >= 0; k--) {
    const file = path.join(cache.dir, `${keys[k]}.tar`);
    if (!existsSync(file) || (opts.verified && !existsSync(path.join(cache.dir, `${keys[k]}.verified`)))) continue;
    try {
      const db = await openPglite({ memory: true, extensions: cache.extensions, snapshot: new Blob([await readFile(file)]) });
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined);
      return { db, count: k + 1 };
    } catch {
      // A truncated or foreign file: drop it and look for a shorter prefix.
      await rm(file, { force: true });
    }
  }
  return { db: await openPglite({ memory: true, extensions: cache.extensions }), count: 0 };
}

/** Stores the state of `db` as the snapshot of a prefix; a cache that cannot be written is skipped. */
export async function saveSnapshot(cache: ReplayCache, key: string, db: Queryable, opts: { verified?: boolean } = {}): Promise<void> {
  try {
    await mkdir(cache.dir, { recursive: true });
    const file = path.join(cache.dir, `${key}.tar`);
    if (!existsSync(file)) await writeAtomically(file, await snapshotPglite(db));
    if (opts.verified) await writeAtomically(path.join(cache.dir, `${key}.verified`), new Uint8Array());
    await prune(cache.dir);
  } catch {
    // The cache only saves time: a read-only or full disk must not fail the command.
  }
}

async function prune(dir: string): Promise<void> {
  const tars = (await readdir(dir)).filter((f) => f.endsWith('.tar'));
  if (tars.length <= KEEP) return;
  const aged = await Promise.all(tars.map(async (f) => ({ f, t: (await stat(path.join(dir, f))).mtimeMs })));
  aged.sort((a, b) => b.t - a.t);
  for (const { f } of aged.slice(KEEP)) {
    await rm(path.join(dir, f), { force: true });
    await rm(path.join(dir, f.replace(/\.tar$/, '.verified')), { force: true });
  }
}
