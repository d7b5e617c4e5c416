import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { usageError } from '../errors.js';
import { loadContribExtensions, PGLITE_CONTRIB } from './pglite-contrib.js';
import { pgliteAssets } from './pglite-template.js';
import { connectPostgres } from './postgres.js';
import type { Queryable, QueryResult } from './queryable.js';
import { requireDatabase } from './url.js';
import { writeAtomically } from '../util/write-atomically.js';

export interface PgliteOpenOptions {
  /** A data folder on disk; created from the cached template when it does not exist yet. */
  readonly dir?: string;
  /** An in-memory database (the default when no dir is given). */
  readonly memory?: boolean;
  /**
   * Contrib extensions to make available to CREATE EXTENSION (e.g. pgcrypto, uuid-ossp, citext).
   * Unsaid, a data folder gets every bundle (any SQL may run on it) and an in-memory database none;
   * pgtide's commands say which they need.
   */
  readonly extensions?: readonly string[];
  readonly readOnly?: boolean;
  /** In memory only: start from this data-folder tarball (from snapshotPglite) instead of the empty template. */
  readonly snapshot?: Blob;
}

/**
 * PostgreSQL's shared buffers for every PGlite. PGlite's default of 128 MB is a second copy of pages
 * that its in-memory file system already holds, so it only adds to the process's memory: loading
 * 2,000 tables filled it and cost ~130 MB of peak RSS. 16 MB was as fast or faster there (an
 * eviction is a copy into that file system, not a write to disk).
 */
const SHARED_BUFFERS = '16MB';

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const asText = (value: string): string => value;
const DML_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** Whether `dir` already holds a PostgreSQL data folder (PG_VERSION is written by initdb). */
async function isDataDir(dir: string): Promise<boolean> {
  try {
    return (await stat(path.join(dir, 'PG_VERSION'))).isFile();
  } catch {
    return false;
  }
}

/**
 * The contrib bundles a data folder was ever opened with, kept in the folder. A folder opened once
 * with bundles loaded fails to start without them ("PGlite failed to initialize properly"), so each
 * open loads this set plus what the command asks for, and the set only grows. A folder without the
 * file (made before pgtide kept it, or left by a run that stopped before writing it) gets every
 * bundle, as every folder once did.
 */
const CONTRIB_FILE = 'pgtide-contrib.json';

async function folderContrib(dir: string): Promise<readonly string[]> {
  try {
    const parsed = JSON.parse(await readFile(path.join(dir, CONTRIB_FILE), 'utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.every((n) => typeof n === 'string')) return parsed.filter((n) => n in PGLITE_CONTRIB);
  } catch {
    // Missing or damaged: every bundle, below.
  }
  return Object.keys(PGLITE_CONTRIB);
}

async function recordContrib(dir: string, names: readonly string[]): Promise<void> {
  await writeAtomically(path.join(dir, CONTRIB_FILE), new TextEncoder().encode(`${JSON.stringify([...names].sort())}\n`));
}

async function createInstance(opts: PgliteOpenOptions, dir: string | null): Promise<PGlite> {
  const assets = await pgliteAssets();
  const asked = (opts.extensions ?? (dir === null ? [] : Object.keys(PGLITE_CONTRIB))).filter((n) => n in PGLITE_CONTRIB);
  const existing = dir !== null && (await isDataDir(dir));
  const before = existing ? await folderContrib(dir) : [];
  const names = [...new Set([...before, ...asked])];
  const options: PGliteOptions = {
    pgliteWasmModule: assets.wasmModule,
    fsBundle: assets.fsBundle,
    // Only the bundles asked for (and, for a data folder, the ones it was opened with): each one
    // loaded costs start-up time on every open.
    extensions: await loadContribExtensions(dir === null ? (opts.extensions ?? []) : names),
    // Same contract as the pg driver: int8 and numeric stay exact as strings.
    parsers: { [INT8_OID]: asText, [NUMERIC_OID]: asText },
  };
  // Imported on first use: a warm plan answered from the model cache never loads PGlite's JS.
  const { PGlite } = await import('@electric-sql/pglite');
  options.startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${SHARED_BUFFERS}`];
  if (dir === null) return PGlite.create({ ...options, loadDataDir: opts.snapshot ?? assets.template });
  if (existing) {
    // Recorded before the folder is opened with more, so that no crash leaves it needing a bundle it does not name.
    if (names.length > before.length) await recordContrib(dir, names);
    return PGlite.create(dir, options);
  }
  // A first run creates the folder (e.g. .pgtide/dev) with its parents, as a user would expect.
  await mkdir(path.dirname(dir), { recursive: true });
  const db = await PGlite.create(dir, { ...options, loadDataDir: assets.template });
  await recordContrib(dir, names);
  return db;
}

/** Opens PGlite in memory or on a data folder, started from the cached template. */
export async function openPglite(opts: PgliteOpenOptions = {}): Promise<Queryable> {
  if (opts.dir !== undefined && opts.memory) throw usageError('openPglite: give either dir or memory, not both.');
  const dir = opts.dir === undefined ? null : path.resolve(opts.dir);
  const db = await createInstance(opts, dir);
  try {
    if (opts.readOnly) await db.exec('SET default_transaction_read_only = on');
    const res = await db.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num']);
    const serverVersion = Number.parseInt(res.rows[0]?.v ?? '', 10);
    return wrapPglite(db, serverVersion, dir === null ? 'pglite:memory' : `pglite:${opts.dir}`);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
}

// Lets tools that need the instance itself (the WASM pg_dump of the conformance runner) reach it
// without widening the Queryable contract.
const instances = new WeakMap<Queryable, PGlite>();

/** The PGlite instance behind a Queryable from this module, or undefined for any other Queryable. */
export function pgliteInstance(q: Queryable): PGlite | undefined {
  return instances.get(q);
}

function wrapPglite(db: PGlite, serverVersion: number, displayName: string): Queryable {
  const q: Queryable = {
    engine: 'pglite',
    serverVersion,
    displayName,
    async query<R = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await db.query<R>(sql, [...params]);
      const command = (res as { command?: string }).command ?? '';
      const affectedRows = DML_COMMANDS.has(command) ? (res.affectedRows ?? null) : null;
      return { rows: res.rows, affectedRows };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    async close(): Promise<void> {
      if (!db.closed) await db.close();
    },
  };
  instances.set(q, db);
  return q;
}

/** A tarball of an in-memory PGlite's data folder, which openPglite({ memory: true, snapshot }) restores. */
export async function snapshotPglite(q: Queryable): Promise<Uint8Array> {
  const db = instances.get(q);
  if (!db) throw new Error('snapshotPglite: not a PGlite database opened by pgtide');
  await db.exec('CHECKPOINT');
  return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
}

/** A fresh, empty in-memory database: the hot path, used many times per command. */
export function scratchPglite(opts: { readonly extensions?: readonly string[] } = {}): Promise<Queryable> {
  return openPglite({ memory: true, extensions: opts.extensions ?? [] });
}

export interface OpenSourceOptions {
  readonly readOnly?: boolean;
  readonly applicationName?: string;
  /** PGlite only: contrib extensions to load. */
  readonly extensions?: readonly string[];
}

/**
 * Opens a database source string: postgres:// URL, libpq keyword/value string, pglite:memory or
 * pglite:<dir>. A source that does not parse is refused (exit 2) before anything is created.
 */
export async function openSource(source: string, opts: OpenSourceOptions = {}): Promise<Queryable> {
  const parsed = requireDatabase(source);
  switch (parsed.type) {
    case 'postgres':
      return connectPostgres(parsed, {
        ...(opts.readOnly !== undefined ? { readOnly: opts.readOnly } : {}),
        ...(opts.applicationName !== undefined ? { applicationName: opts.applicationName } : {}),
      });
    case 'pglite-memory':
      return openPglite({ memory: true, extensions: opts.extensions ?? [], readOnly: opts.readOnly ?? false });
    case 'pglite-dir':
      return openPglite({ dir: parsed.dir, ...(opts.extensions !== undefined ? { extensions: opts.extensions } : {}), readOnly: opts.readOnly ?? false });
    default: {
      const never: never = parsed;
      throw new Error(`unknown database source ${JSON.stringify(never)}`);
    }
  }
}
