import { at, fail, firstUnescapedSpace, spaceName, type PgConnectionParts } from './source-error.js';

/**
 * Parses a postgres:// or postgresql:// URL into its parts, refusing what a URL parser would read
 * differently from what the user meant. The usual culprit is a password with an unescaped '/', '?'
 * or '#': the authority then ends inside the password, and the password is read as part of the
 * host, the port, the database name or a fragment (which pg drops silently). Every message names a
 * part and a position, never a piece of the text.
 */

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const POSTGRES_SCHEMES = new Set(['postgres', 'postgresql']);
// No example with user:password@ after a scheme: stderr redaction would print it as user:***@.
const FORMAT = 'write postgres://host/database, with user:password@ before the host and :port after it';
const ENCODE_HINT = 'percent-encode "/" as %2F, "?" as %3F, "#" as %23, "@" as %40, a space as %20 and "%" as %25 in the user name and password';
const HOST_CHAR = /^[A-Za-z0-9._~-]$/;

/** The scheme of a URL-shaped source (letters before the first ':'), or null. */
export function schemeOf(s: string): string | null {
  return SCHEME.exec(s)?.[1] ?? null;
}

export function isPostgresScheme(scheme: string): boolean {
  return POSTGRES_SCHEMES.has(scheme.toLowerCase());
}

export interface ParsedPostgres {
  readonly parts: PgConnectionParts;
  /** What pg is given. */
  readonly url: string;
  /** What pgtide prints: the URL with its password replaced by ***. */
  readonly display: string;
}

const REDACTED = '***';
const QUERY_PASSWORD = /([?&]password=)[^&]*/gi;

export function parsePostgresUrl(s: string): ParsedPostgres {
  const scheme = schemeOf(s);
  if (scheme === null || !isPostgresScheme(scheme)) {
    fail(`its scheme is not postgres:// or postgresql:// (${FORMAT}, or use pglite:memory or pglite:<dir>)`);
  }
  const bodyStart = scheme.length + 3;
  if (s.slice(scheme.length + 1, bodyStart) !== '//') {
    fail(`"${scheme}:" must be followed by "//" (${FORMAT})`);
  }
  checkCharacters(s, bodyStart);
  const authEnd = firstOf(s, '/?#', bodyStart);
  checkTail(s, authEnd);
  const authority = s.slice(bodyStart, authEnd);
  const atSign = authority.lastIndexOf('@');
  const userinfo = atSign === -1 ? null : authority.slice(0, atSign);
  const hostStart = atSign === -1 ? bodyStart : bodyStart + atSign + 1;
  const { host, port } = parseHostPort(s, hostStart, authEnd);
  const colon = userinfo === null ? -1 : userinfo.indexOf(':');
  const user = userinfo === null ? null : decodeURIComponent(colon === -1 ? userinfo : userinfo.slice(0, colon));
  const password = userinfo === null || colon === -1 ? null : decodeURIComponent(userinfo.slice(colon + 1));
  const queryStart = s.indexOf('?', authEnd);
  const pathEnd = queryStart === -1 ? s.length : queryStart;
  const path = s.slice(authEnd, pathEnd);
  const database = path.length > 1 ? decodeURIComponent(path.slice(1)) : null;
  const params = queryStart === -1 ? [] : [...new URLSearchParams(s.slice(queryStart + 1))];
  // pg reads an empty host after the userinfo (postgres://u:pw@/db) as localhost; URL does not.
  if (!URL.canParse(host === '' ? `${s.slice(0, hostStart)}h${s.slice(hostStart)}` : s)) fail(`it is not a valid URL (${FORMAT}; ${ENCODE_HINT})`);
  const parts: PgConnectionParts = { form: 'url', user: user || null, password, host, port, database, params };
  const shown = password === null ? s : `${s.slice(0, bodyStart + colon + 1)}${REDACTED}${s.slice(bodyStart + atSign)}`;
  return { parts, url: s, display: shown.replace(QUERY_PASSWORD, `$1${REDACTED}`) };
}

function firstOf(s: string, chars: string, from: number): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i]!)) return i;
  return s.length;
}

/** Spaces and broken percent-escapes, which URL parsers and pg each repair in their own way. */
function checkCharacters(s: string, from: number): void {
  const space = firstUnescapedSpace(s, from);
  if (space !== -1) fail(`${at(space)} is an unescaped ${spaceName(s[space]!)} (${ENCODE_HINT})`);
  for (let i = s.indexOf('%', from); i !== -1; i = s.indexOf('%', i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      fail(`the "%" at ${at(i)} is not followed by two hex digits (${ENCODE_HINT})`);
    }
    // A UTF-8 sequence that does not decode would make pg throw later, from deep inside the driver.
  }
  try {
    decodeURIComponent(s.slice(from));
  } catch {
    fail(`its percent-escapes do not decode as UTF-8 (${ENCODE_HINT})`);
  }
}

/**
 * After the authority comes the path, the query and (never meaningful to PostgreSQL) a fragment. An
 * '@' there means the authority ended early, inside the user name or password.
 */
function checkTail(s: string, authEnd: number): void {
  if (authEnd >= s.length) return;
  const hash = s.indexOf('#', authEnd);
  const queryStart = s.indexOf('?', authEnd);
  const pathEnd = [hash, queryStart].filter((i) => i !== -1).reduce((a, b) => Math.min(a, b), s.length);
  const inPath = s.slice(authEnd, pathEnd).includes('@');
  const inQuery = queryStart !== -1 && (hash === -1 || queryStart < hash) && queryHasBareAt(s.slice(queryStart + 1, hash === -1 ? s.length : hash));
  if (inPath || inQuery || (hash !== -1 && s.indexOf('@', hash) !== -1)) {
    fail(`the "${s[authEnd]}" at ${at(authEnd)} ends the host part before the "@" that follows it, so the user name or password holds an unescaped "${s[authEnd]}" (${ENCODE_HINT})`);
  }
  if (hash !== -1) {
    fail(`the "#" at ${at(hash)} starts a URL fragment, which a database URL does not have; if it belongs to the password or the database name, percent-encode it as %23`);
  }
}

/** An '@' in a query parameter's value is fine (user=name@server); one in a bare word is not. */
function queryHasBareAt(query: string): boolean {
  return query.split('&').some((segment) => {
    const atSign = segment.indexOf('@');
    if (atSign === -1) return false;
    const eq = segment.indexOf('=');
    return eq === -1 || eq > atSign;
  });
}

function parseHostPort(s: string, start: number, end: number): { host: string; port: number | null } {
  let hostEnd: number;
  let host: string;
  if (s[start] === '[') {
    const close = s.indexOf(']', start);
    if (close === -1 || close > end) fail(`the IPv6 address that starts at ${at(start)} has no closing "]"`);
    host = s.slice(start + 1, close);
    if (!/^[0-9A-Fa-f:.]+$/.test(host)) fail(`the IPv6 address that starts at ${at(start)} is not one`);
    hostEnd = close + 1;
    if (hostEnd < end && s[hostEnd] !== ':') fail(`${at(hostEnd)} follows the IPv6 address but is not ":" before a port`);
  } else {
    const colon = s.indexOf(':', start);
    hostEnd = colon === -1 || colon > end ? end : colon;
    for (let i = start; i < hostEnd; i++) {
      const c = s[i]!;
      if (c === '%') {
        i += 2;
        continue;
      }
      if (!HOST_CHAR.test(c)) {
        fail(`${at(i)}, in the host, is not a letter, digit, ".", "-" or "_" (${c === ',' ? 'pgtide connects to one host; ' : ''}${ENCODE_HINT})`);
      }
    }
    host = decodeURIComponent(s.slice(start, hostEnd));
  }
  if (hostEnd >= end) return { host, port: null };
  const portText = s.slice(hostEnd + 1, end);
  if (portText === '') return { host, port: null };
  const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    fail(`the port at ${at(hostEnd + 1)} is not a number from 1 to 65535 (an unescaped ":" or "/" in the password also ends up there: ${ENCODE_HINT})`);
  }
  return { host, port };
}

/**
 * A URL pg reads as exactly these parts (for a keyword/value string), or its printable form with
 * the password replaced. pg decodes the database name with decodeURI, so it is escaped with encodeURI.
 */
export function formatPostgresUrl(parts: PgConnectionParts, redact: boolean): string {
  const enc = encodeURIComponent;
  const password = parts.password === null ? '' : `:${redact ? REDACTED : enc(parts.password)}`;
  const userinfo = parts.user === null && parts.password === null ? '' : `${enc(parts.user ?? '')}${password}@`;
  const host = parts.host.includes(':') ? `[${parts.host}]` : enc(parts.host);
  const port = parts.port === null ? '' : `:${parts.port}`;
  const database = parts.database === null ? '' : `/${encodeURI(parts.database)}`;
  const params = parts.params.map(([k, v]): [string, string] => [k, redact && k.toLowerCase() === 'password' ? REDACTED : v]);
  const query = params.length === 0 ? '' : `?${new URLSearchParams(params).toString()}`;
  return `postgres://${userinfo}${host}${port}${database}${query}`;
}
