/**
 * Database source strings: which engine a source names, and how to print it without its secrets.
 */

export type DbSource =
  | { readonly type: 'postgres'; readonly url: string }
  | { readonly type: 'pglite-memory' }
  | { readonly type: 'pglite-dir'; readonly dir: string };

const REDACTED = '***';

// The authority runs up to the first '/', '?', '#' or whitespace; the greedy match then backtracks
// to its LAST '@', which is where a URL parser splits userinfo from the host even when a careless
// password contains an unescaped '@'.
const URL_AUTHORITY = /(postgres(?:ql)?:\/\/)([^\s/?#]*)@/gi;
// libpq also accepts the password as a query parameter.
const URL_PASSWORD_PARAM = /(postgres(?:ql)?:\/\/[^\s]*?[?&]password=)([^\s&#]*)/gi;

/**
 * Replaces the password of every postgres:// or postgresql:// URL in `s` with `***`. Works on a bare
 * URL and on any text that quotes one (error messages, logs); text without URLs is returned as is.
 */
export function redactUrl(s: string): string {
  return s
    .replace(URL_AUTHORITY, (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
      return colon === -1 ? `${scheme}${user}@` : `${scheme}${user}:${REDACTED}@`;
    })
    .replace(URL_PASSWORD_PARAM, (_m, head: string) => `${head}${REDACTED}`);
}

const PGLITE_PREFIX = 'pglite:';

/**
 * Classifies a source string naming a database engine. Returns null for every other kind of source
 * (.sql files, directories, .ts modules, migrations:<dir>), which callers outside src/db dispatch on.
 */
export function classifySource(s: string): DbSource | null {
  const source = s.trim();
  if (/^postgres(?:ql)?:\/\//i.test(source)) return { type: 'postgres', url: source };
  if (!source.startsWith(PGLITE_PREFIX)) return null;
  const rest = source.slice(PGLITE_PREFIX.length);
  if (rest === 'memory' || rest === '') return { type: 'pglite-memory' };
  const dir = rest.startsWith('file://') ? new URL(rest).pathname : rest;
  return { type: 'pglite-dir', dir };
}

/** A printable name for a source: the URL redacted, or the pglite form as given. */
export function sourceDisplayName(source: DbSource): string {
  switch (source.type) {
    case 'postgres':
      return redactUrl(source.url);
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
