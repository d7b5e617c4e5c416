/**
 * Database sources that do not parse, each holding SECRET where a careless user puts a password,
 * with the part the error must name. Shared by the parser's unit tests and the CLI leak tests.
 */

export const SECRET = 'Xk7Qz9Wv4Jp';

export interface Malformed {
  readonly source: string;
  /** What the message must say: the part that is wrong, and a position where there is one. */
  readonly names: RegExp;
}

const at = (source: string, needle: string, from = 0): string => `character ${source.indexOf(needle, from) + 1}\\b`;
const S = SECRET;

function m(source: string, names: RegExp | string): Malformed {
  return { source, names: typeof names === 'string' ? new RegExp(names) : names };
}

const slash = `postgres://alice:ab/${S}@127.0.0.1:5432/app`;
const hash = `postgres://alice:ab#${S}@127.0.0.1/app`;
const question = `postgres://alice:ab?${S}@127.0.0.1/app`;
const digits = `postgres://alice:12/${S}@127.0.0.1/app`;
const space = `postgres://alice:ab ${S}@127.0.0.1/app`;
const tab = `postgresql://alice:ab\t${S}@127.0.0.1/app`;
const percent = `postgres://alice:${S}%@127.0.0.1/app`;
const port = `postgres://alice:${S}@127.0.0.1:54x32/app`;
const comma = `postgres://alice:${S}@127.0.0.1,127.0.0.2/app`;
const fragment = `postgres://alice:${S}@127.0.0.1/app#main`;
const queryPort = `postgres://alice:ab?x=${S}@127.0.0.1/app`;
const kwSpace = `host=127.0.0.1 password=ab ${S} dbname=app`;
const kwQuote = `host=127.0.0.1 password='${S} dbname=app`;
const kwTypo = `host=127.0.0.1 passwrod=${S} dbname=app`;
const kwPort = `host=127.0.0.1 port=5x432 password=${S}`;

export const MALFORMED: readonly Malformed[] = [
  m(slash, `the "/" at ${at(slash, '/', 11)}`),
  m(hash, `the "#" at ${at(hash, '#')}`),
  m(question, `the "\\?" at ${at(question, '?')}`),
  m(digits, `the "/" at ${at(digits, '/', 11)}`),
  m(space, `${at(space, ' ')} is an unescaped space`),
  m(tab, `${at(tab, '\t')} is an unescaped tab`),
  m(percent, `the "%" at ${at(percent, '%')}`),
  m(`postgres://alice:%FF${S}@127.0.0.1/app`, /percent-escapes do not decode as UTF-8/),
  m(port, `the port at ${at(port, '54x32')}`),
  m(`postgres://alice:${S}@127.0.0.1:70000/app`, /the port at character \d+ is not a number from 1 to 65535/),
  m(queryPort, /the port at character \d+/),
  m(comma, `${at(comma, ',')}, in the host`),
  m(`postgres://alice:${S}@[::1/app`, /IPv6 address/),
  m(fragment, `the "#" at ${at(fragment, '#')} starts a URL fragment`),
  m(`postgress://alice:${S}@127.0.0.1/app`, /scheme is not postgres:\/\/ or postgresql:\/\//),
  m(`mysql://alice:${S}@127.0.0.1/app`, /scheme is not postgres:\/\/ or postgresql:\/\//),
  m(`postgresql:/alice:${S}@127.0.0.1/app`, /"postgresql:" must be followed by "\/\/"/),
  m(`postgres:alice:${S}@127.0.0.1/app`, /"postgres:" must be followed by "\/\/"/),
  m(kwSpace, `the word at ${at(kwSpace, S)} has no "="`),
  m(kwQuote, `the quoted value that starts at ${at(kwQuote, "'")} has no closing`),
  m(kwTypo, `the keyword at ${at(kwTypo, 'passwrod')} is not one pgtide knows`),
  m(`host=127.0.0.1 password=${S} connect_timeout=10`, /the keyword connect_timeout \(at character \d+\) is not supported/),
  m(`host=127.0.0.1,127.0.0.2 password=${S}`, /host lists several hosts/),
  m(kwPort, `the port \\(at ${at(kwPort, 'port')}\\)`),
  m(`pglite://alice:${S}@127.0.0.1/app`, /pglite:\/\/ is not a URL scheme/),
  m(`pglite:alice:${S}@127.0.0.1/app`, /looks like user:password@host/),
  m(`pglite:file://alice:${S}@127.0.0.1/app`, /file: URL after pglite:/),
];

/** Sources that are not database sources at all, where only a database will do. */
export const NOT_A_DATABASE: readonly string[] = [`alice:${S}@127.0.0.1/app`, `127.0.0.1 password=${S}`];

/** Every 4-character piece of the secret: none may appear in any output. */
export function secretPieces(secret = SECRET): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= secret.length; i++) out.push(secret.slice(i, i + 4));
  return out;
}
