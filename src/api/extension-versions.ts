import type { Engine } from '../db/queryable.js';
import type { Queryable } from '../db/queryable.js';
import type { Extension, Model } from '../model/types.js';

/** One engine a model was read from: which, its server_version_num, and its extensions' default versions. */
export interface EngineSide {
  readonly engine: Engine;
  readonly serverVersion: number;
  readonly defaults: ReadonlyMap<string, string>;
}

/** An extension whose version differs only because each engine installs its own default. */
export interface EngineVersionDifference {
  readonly extension: string;
  readonly expected: string;
  readonly live: string;
}

/** The default version of every extension the server can install. */
export async function readEngineSide(db: Queryable): Promise<EngineSide> {
  const { rows } = await db.query<{ name: string; default_version: string | null }>(
    'SELECT name, default_version FROM pg_catalog.pg_available_extensions',
  );
  const defaults = new Map<string, string>();
  for (const r of rows) if (r.default_version !== null) defaults.set(r.name, r.default_version);
  return { engine: db.engine, serverVersion: db.serverVersion, defaults };
}

const major = (serverVersion: number): number => Math.floor(serverVersion / 10000);

/**
 * The expected model (a history replayed in PGlite) and the live one (often another engine or major
 * version) each hold the version their engine installed. Where both are simply their engine's
 * default, the difference says nothing about the database: the expected side takes the live version,
 * and the difference is reported apart. A version that is not its engine's default (pinned by a
 * migration, or updated by hand) is still compared.
 */
export function alignEngineDefaults(
  expected: Model, live: Model, sides: { expected: EngineSide; live: EngineSide },
): { expected: Model; differences: EngineVersionDifference[] } {
  const sameEngine = sides.expected.engine === sides.live.engine && major(sides.expected.serverVersion) === major(sides.live.serverVersion);
  if (sameEngine) return { expected, differences: [] };
  const differences: EngineVersionDifference[] = [];
  const extensions = new Map<string, Extension>();
  for (const [id, ext] of expected.extension) {
    const other = live.extension.get(id);
    const a = ext.version;
    const b = other?.version ?? null;
    if (a !== null && b !== null && a !== b && sides.expected.defaults.get(ext.name) === a && sides.live.defaults.get(ext.name) === b) {
      differences.push({ extension: ext.name, expected: a, live: b });
      extensions.set(id, Object.freeze({ ...ext, version: b }));
    } else {
      extensions.set(id, ext);
    }
  }
  return { expected: differences.length === 0 ? expected : { ...expected, extension: extensions }, differences };
}
