import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { pgliteVersion } from '../db/pglite-template.js';
import type { Introspection } from '../introspect/index.js';
import { allObjects, buildModel, type DbObject, type Model, type UnmanagedObject } from '../model/index.js';
import { writeAtomically } from '../util/write-atomically.js';
import { pgtideBuild } from '../version.js';

/**
 * Models that cost a PGlite to produce (the state a migration history replays to, a desired schema
 * normalized in a scratch database), stored as JSON by a key that covers every input of the
 * computation: the caller's parts (file bytes, declarations, options) plus pgtide's build and
 * PGlite's version, since either may introspect or normalize differently. A warm `plan` then
 * starts no PGlite at all. A model is only stored when JSON gives it back exactly, so a hit returns
 * the very model the computation would have.
 */
// v2: the objects no reader models are stored beside the model (introspect/unmanaged.ts).
const FORMAT = 'pgtide-model-cache-v2';
/** Model files are small (~1 MB for 1,000 tables); this many covers several projects and branches. */
const KEEP = 32;
const SUFFIX = '.model.json';

export interface ModelCacheStats {
  readonly hits: number;
  readonly misses: number;
}

const counters = { hits: 0, misses: 0 };

/** How many models this process read from the cache and how many it had to compute (for tests). */
export function modelCacheStats(): ModelCacheStats {
  return { ...counters };
}

/**
 * The key of one computation. `kind` separates computations that share parts; each part is
 * length-prefixed so that no two different lists of parts hash alike.
 */
export function modelCacheKey(kind: string, parts: readonly string[]): string {
  const h = createHash('sha256');
  for (const part of [FORMAT, pgtideBuild(), pgliteVersion(), kind, ...parts]) h.update(`${part.length}:${part}\n`);
  return h.digest('hex');
}

/**
 * A canonical text of plain data for a cache key, or null when the value holds something JSON
 * cannot spell exactly (functions, maps, bigints): such a value is never cached. Properties set to
 * undefined are spelled out, so `{ a: undefined }` and `{}` key apart.
 */
export function keyText(value: unknown): string | null {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (v === undefined ? { $undefined: true } : checked(v)));
  } catch (err) {
    if (err instanceof NotPlainData) return null;
    throw err;
  }
}

class NotPlainData extends Error {}

function checked(v: unknown): unknown {
  if (typeof v === 'function' || typeof v === 'bigint' || typeof v === 'symbol') throw new NotPlainData(typeof v);
  if (typeof v === 'number' && !Number.isFinite(v)) throw new NotPlainData(String(v));
  if (v instanceof Map || v instanceof Set) throw new NotPlainData('collection');
  return v;
}

/** The JSON a model is stored as, or null when parsing it would not give the same objects back. */
function storedText(objects: readonly DbObject[] | readonly UnmanagedObject[]): string | null {
  try {
    return JSON.stringify(objects, (_key, v: unknown) => {
      if (v === undefined) throw new NotPlainData('undefined');
      return checked(v);
    });
  } catch (err) {
    if (err instanceof NotPlainData) return null;
    throw err;
  }
}

/**
 * The cached model for `key` in `dir`, or the result of `compute`, which is then stored. A cache
 * that cannot be read or written only costs time; the command never fails because of it.
 */
export async function cachedModel(dir: string, key: string, compute: () => Promise<Model>): Promise<Model> {
  return (await cachedIntrospection(dir, key, async () => ({ model: await compute(), unmanaged: [] }))).model;
}

/** cachedModel for a computation that also lists the objects no reader models. */
export async function cachedIntrospection(dir: string, key: string, compute: () => Promise<Introspection>): Promise<Introspection> {
  const hit = await readCachedModel(dir, key);
  if (hit) return hit.read;
  const read = await compute();
  await storeCachedModel(dir, key, read);
  return read;
}

/** A stored model with plain data stored beside it (what was read together with it), as JSON gave it back. */
export interface CachedRead {
  readonly read: Introspection;
  readonly extra: unknown;
}

/** The model stored under `key`, or null (counted as a miss). */
export async function readCachedModel(dir: string, key: string): Promise<CachedRead | null> {
  const file = path.join(dir, `${key}${SUFFIX}`);
  const hit = await readModel(file, key);
  if (hit) {
    counters.hits++;
    const now = new Date();
    await utimes(file, now, now).catch(() => undefined);
    return hit;
  }
  counters.misses++;
  return null;
}

/**
 * Stores a model under `key` when JSON gives it back exactly. A cache that cannot be written only
 * costs time; the command never fails because of it.
 */
export async function storeCachedModel(dir: string, key: string, read: Introspection, extra: unknown = null): Promise<void> {
  const file = path.join(dir, `${key}${SUFFIX}`);
  const text = storedText(allObjects(read.model));
  const unmanaged = storedText(read.unmanaged);
  const extraText = keyText(extra);
  if (text === null || unmanaged === null || extraText === null) return;
  try {
    await writeAtomically(file, Buffer.from(`{"format":${JSON.stringify(FORMAT)},"key":${JSON.stringify(key)},"objects":${text},"unmanaged":${unmanaged},"extra":${extraText}}`));
    await prune(dir);
  } catch {
    // Read-only or full disk: the next run computes the model again.
  }
}

async function readModel(file: string, key: string): Promise<CachedRead | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as { format?: unknown; key?: unknown; objects?: unknown; unmanaged?: unknown; extra?: unknown };
    if (parsed.format !== FORMAT || parsed.key !== key || !Array.isArray(parsed.objects) || !Array.isArray(parsed.unmanaged)) throw new Error('foreign file');
    return { read: { model: buildModel(parsed.objects as DbObject[]), unmanaged: parsed.unmanaged as UnmanagedObject[] }, extra: parsed.extra ?? null };
  } catch {
    // Truncated or foreign: drop it and compute afresh.
    await rm(file, { force: true });
    return null;
  }
}

async function prune(dir: string): Promise<void> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(SUFFIX));
  if (files.length <= KEEP) return;
  const aged = await Promise.all(files.map(async (f) => ({ f, t: (await stat(path.join(dir, f))).mtimeMs })));
  aged.sort((a, b) => b.t - a.t);
  for (const { f } of aged.slice(KEEP)) await rm(path.join(dir, f), { force: true });
}
