/**
 * Database source strings: which engine a source names, parsed once into parts, and how to print it
 * without its secrets. A source that looks like a database but does not parse is refused with a
 * message that names the part that is wrong and never quotes the source.
 */
import { usageError } from '../errors.js';
import { looksLikeConninfo, parseConninfo } from './conninfo.js';
import { formatPostgresUrl, isPostgresScheme, parsePostgresUrl, schemeOf } from './pg-url.js';
import { SourceSyntaxError, fail, type PgConnectionParts } from './source-error.js';

export { redactSecrets, redactUrl } from './redact.js';
export type { PgConnectionParts } from './source-error.js';

export type DbSource =
  | {
      readonly type: 'postgres';
      /** The URL pg connects with (built from the parts for a keyword/value string). */
      readonly url: string;
      /** The source as pgtide prints it: the password replaced by ***. */
      readonly display: string;
      readonly parts: PgConnectionParts;
    }
  | { readonly type: 'pglite-memory' }
  | { readonly type: 'pglite-dir'; readonly dir: string };

const PGLITE_PREFIX = 'pglite:';
const MIGRATIONS_PREFIX = 'migrations:';
/** Two letters at least, so that a Windows drive letter (C:/…) is not taken for a scheme. */
const URL_SHAPED = /^[A-Za-z][A-Za-z0-9+.-]+:\//;
/** A path segment shaped like user:password@host: a URL given where a folder was expected. */
const CREDENTIALS_SEGMENT = /(^|\/)[^/]*:[^/]*@/;

/**
 * Whether a source names a database engine (or tries to): a URL of any scheme, a postgres: typo,
 * pglite:…, or a libpq keyword/value string. Other sources (.sql files, folders, .ts modules,
 * migrations:<dir>) are files, which callers outside src/db dispatch on.
 */
export function looksLikeDatabase(s: string): boolean {
  const source = s.trim();
  if (source.startsWith(MIGRATIONS_PREFIX)) return false;
  const scheme = schemeOf(source);
  return (
    URL_SHAPED.test(source) ||
    (scheme !== null && (isPostgresScheme(scheme) || scheme.toLowerCase() === 'pglite')) ||
    looksLikeConninfo(source)
  );
}

/**
 * Classifies and parses a source string naming a database engine. Returns null for every other
 * kind of source; throws a usage error (exit 2) naming `origin` (e.g. "--database") for a database
 * source that does not parse.
 */
export function classifySource(s: string, origin = 'The database source'): DbSource | null {
  const source = s.trim();
  if (!looksLikeDatabase(source)) return null;
  try {
    return parseDatabase(source);
  } catch (err) {
    if (!(err instanceof SourceSyntaxError)) throw err;
    throw usageError(`${origin} is not a database source pgtide can use: ${err.problem}. (It is not printed here, as it may hold a password.)`);
  }
}

/** Like classifySource, for a place where only a database will do (--database, DATABASE_URL, the config). */
export function requireDatabase(s: string, origin = 'The database source'): DbSource {
  const parsed = classifySource(s, origin);
  if (parsed !== null) return parsed;
  throw usageError(
    `${origin} is not a database source: give a postgres://host/database URL (with user:password@ before the host and :port after it), a libpq keyword/value string (host=… dbname=…), pglite:memory or pglite:<dir>. (It is not printed here, as it may hold a password.)`,
  );
}

function parseDatabase(source: string): DbSource {
  const scheme = schemeOf(source);
  if (scheme !== null && scheme.toLowerCase() === 'pglite') return parsePglite(source);
  if (scheme === null && looksLikeConninfo(source)) {
    const parts = parseConninfo(source);
    return { type: 'postgres', url: formatPostgresUrl(parts, false), display: formatPostgresUrl(parts, true), parts };
  }
  const { parts, url, display } = parsePostgresUrl(source);
  return { type: 'postgres', url, display, parts };
}

function parsePglite(source: string): DbSource {
  if (!source.startsWith(PGLITE_PREFIX)) fail('write the pglite: prefix in lower case (pglite:memory or pglite:<dir>)');
  const rest = source.slice(PGLITE_PREFIX.length);
  if (rest === 'memory' || rest === '') return { type: 'pglite-memory' };
  if (rest.startsWith('//')) {
    fail('pglite:// is not a URL scheme: PGlite runs in this process, with no host, user or password; write pglite:memory, or pglite:<dir> for a data folder (pglite:.pgtide/dev, pglite:/var/lib/app)');
  }
  let dir = rest;
  if (rest.startsWith('file:')) {
    if (!URL.canParse(rest)) fail('the file: URL after pglite: is not a valid URL; write pglite:<dir> with a plain path');
    const url = new URL(rest);
    if (url.username || url.password || (url.host && url.host !== 'localhost')) {
      fail('the file: URL after pglite: names a host or user; write pglite:<dir> with a plain path');
    }
    dir = decodeURIComponent(url.pathname);
  }
  if (CREDENTIALS_SEGMENT.test(dir)) {
    fail('the data folder after pglite: looks like user:password@host; PGlite takes a folder path (pglite:<dir>) and no credentials');
  }
  return { type: 'pglite-dir', dir };
}

/** A printable name for a source: the parsed display form, or the pglite form as given. */
export function sourceDisplayName(source: DbSource): string {
  switch (source.type) {
    case 'postgres':
      return source.display;
    case 'pglite-memory':
      return 'pglite:memory';
    case 'pglite-dir':
      return `${PGLITE_PREFIX}${source.dir}`;
    default: {
      const never: never = source;
      throw new Error(`unknown database source ${JSON.stringify(never)}`);
    }
  }
}

/**
 * How to name a source string in a message: its display form when it is a database, the string
 * itself when it is a file source. Never throws: a database source that does not parse is named
 * by a placeholder.
 */
export function sourceLabel(s: string): string {
  try {
    const parsed = classifySource(s);
    return parsed === null ? s : sourceDisplayName(parsed);
  } catch {
    return '(a database source that does not parse)';
  }
}
