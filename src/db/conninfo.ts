import { at, fail, type PgConnectionParts } from './source-error.js';

/**
 * libpq's keyword/value connection strings (`host=localhost port=5432 dbname=app password='a b'`),
 * as psql and libpq-based tools accept them. pg itself does not read them (it takes the whole
 * string for a database name), so pgtide parses them into the parts it hands to pg. Keywords that
 * pg cannot honour are refused rather than dropped.
 */

/** Keywords passed on to pg as connection parameters. */
const PASSED_ON = new Set(['sslmode', 'sslcert', 'sslkey', 'sslrootcert', 'application_name', 'options', 'client_encoding']);
const ACCEPTED = ['host', 'hostaddr', 'port', 'user', 'password', 'dbname', ...PASSED_ON];

/**
 * libpq keywords that pg has no equivalent for. They are named in the error (they come from this
 * list, not from the source); any other word is reported by position only, since it may be a piece
 * of a password that held an unquoted space.
 */
const UNSUPPORTED = new Set([
  'connect_timeout', 'passfile', 'require_auth', 'channel_binding', 'fallback_application_name', 'keepalives',
  'keepalives_idle', 'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'replication', 'gssencmode',
  'sslnegotiation', 'sslcompression', 'sslpassword', 'sslcertmode', 'sslcrl', 'sslcrldir', 'sslsni',
  'requirepeer', 'ssl_min_protocol_version', 'ssl_max_protocol_version', 'krbsrvname', 'gsslib', 'gssdelegation',
  'service', 'target_session_attrs', 'load_balance_hosts', 'min_protocol_version', 'max_protocol_version',
]);

const KEYWORD_START = /^\s*[A-Za-z_][A-Za-z0-9_]*\s*=/;

/** Whether a source is written as keyword=value pairs rather than as a URL or path. */
export function looksLikeConninfo(s: string): boolean {
  return KEYWORD_START.test(s);
}

interface Pair {
  readonly key: string;
  readonly keyAt: number;
  readonly value: string;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** Splits the string the way libpq's conninfo_parse does: key = value, values bare or '…' quoted. */
function pairsOf(s: string): Pair[] {
  const pairs: Pair[] = [];
  let i = 0;
  const skipSpace = (): void => {
    while (isSpace(s[i])) i++;
  };
  for (skipSpace(); i < s.length; skipSpace()) {
    const keyAt = i;
    while (i < s.length && s[i] !== '=' && !isSpace(s[i])) i++;
    const key = s.slice(keyAt, i);
    skipSpace();
    if (s[i] !== '=') {
      fail(`the word at ${at(keyAt)} has no "=" after it (write keyword=value pairs, and put a value that holds spaces in single quotes)`);
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) fail(`the keyword at ${at(keyAt)} is not a word`);
    i++;
    skipSpace();
    let value = '';
    if (s[i] === "'") {
      const quoteAt = i++;
      for (;;) {
        if (i >= s.length) fail(`the quoted value that starts at ${at(quoteAt)} has no closing "'"`);
        const c = s[i++]!;
        if (c === "'") break;
        if (c === '\\') {
          if (i >= s.length) fail(`the quoted value that starts at ${at(quoteAt)} has no closing "'"`);
          value += s[i++]!;
        } else value += c;
      }
      if (i < s.length && !isSpace(s[i])) fail(`${at(i)} follows a quoted value without a space`);
    } else {
      while (i < s.length && !isSpace(s[i])) {
        const c = s[i++]!;
        if (c === '\\' && i < s.length) value += s[i++]!;
        else value += c;
      }
    }
    pairs.push({ key, keyAt, value });
  }
  return pairs;
}

/** Parses a keyword/value string; a repeated keyword takes its last value, as in libpq. */
export function parseConninfo(s: string): PgConnectionParts {
  const values = new Map<string, { value: string; keyAt: number }>();
  for (const { key, keyAt, value } of pairsOf(s)) {
    const k = key.toLowerCase();
    if (UNSUPPORTED.has(k)) fail(`the keyword ${k} (at ${at(keyAt)}) is not supported by pgtide's driver; leave it out or use a postgres:// URL`);
    if (!ACCEPTED.includes(k)) fail(`the keyword at ${at(keyAt)} is not one pgtide knows (it accepts ${ACCEPTED.join(', ')})`);
    values.set(k, { value, keyAt });
  }
  const get = (k: string): string | undefined => values.get(k)?.value;
  const host = get('host');
  const hostaddr = get('hostaddr');
  if (host !== undefined && hostaddr !== undefined) fail('it gives both host and hostaddr; give one of them');
  const hostValue = host ?? hostaddr ?? '';
  if (hostValue.includes(',')) fail('its host lists several hosts; pgtide connects to one');
  const portText = get('port');
  let port: number | null = null;
  if (portText !== undefined && portText !== '') {
    port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) fail(`the port (at ${at(values.get('port')!.keyAt)}) is not a number from 1 to 65535`);
  }
  const database = get('dbname');
  if (database !== undefined && /[#?]/.test(database)) {
    fail('its dbname holds "#" or "?", which pg cannot be given in a database name; use a postgres:// URL');
  }
  const params: [string, string][] = [];
  for (const [k, { value }] of values) if (PASSED_ON.has(k)) params.push([k, value]);
  return {
    form: 'keywords',
    user: get('user') || null,
    password: get('password') ?? null,
    host: hostValue,
    port,
    database: database || null,
    params,
  };
}
