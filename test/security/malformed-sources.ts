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

const slash = `postgres://alice:ab/${S}@db.example:5432/app`;
const hash = `postgres://alice:ab#${S}@db.example/app`;
const question = `postgres://alice:ab?${S}@db.example/app`;
const digits = `postgres://alice:12/${S}@db.example/app`;
const space = `postgres://alice:ab ${S}@db.example/app`;
const tab = `postgresql://alice:ab\t${S}@db.example/app`;
const percent = `postgres://alice:${S}%@db.example/app`;
const port = `postgres://alice:${S}@db.example:54x32/app`;
const comma = `postgres://alice:${S}@db.example,db2.example/app`;
const fragment = `postgres://alice:${S}@db.example/app#main`;
const queryPort = `postgres://alice:ab?x=${S}@db.example/app`;

export const MALFORMED: readonly Malformed[] = [
  m(slash, `the "/" at ${at(slash, '/', 11)}`),
  m(hash, `the "#" at ${at(hash, '#')}`),
  m(question, `the "\\?" at ${at(question, '?')}`),
  m(digits, `the "/" at ${at(digits, '/', 11)}`),
  m(space, `${at(space, ' ')} is an unescaped space`),
  m(tab, `${at(tab, '\t')} is an unescaped tab`),
  m(percent, `the "%" at ${at(percent, '%')}`),
  m(`postgres://alice:%FF${S}@db.example/app`, /percent-escapes do not decode as UTF-8/),
  m(port, `the port at ${at(port, '54x32')}`),
  m(`postgres://alice:${S}@db.example:70000/app`, /the port at character \d+ is not a number from 1 to 65535/),
  m(queryPort, /the port at character \d+/),
  m(comma, `${at(comma, ',')}, in the host`),
  m(`postgres://alice:${S}@[::1/app`, /IPv6 address/),
  m(fragment, `the "#" at ${at(fragment, '#')} starts a URL fragment`),
  m(`postgress://alice:${S}@db.example/app`, /scheme is not postgres:\/\/ or postgresql:\/\//),
  m(`mysql://alice:${S}@db.example/app`, /scheme is not postgres:\/\/ or postgresql:\/\//),
  m(`postgresql:/alice:${S}@db.example/app`, /"postgresql:" must be followed by "\/\/"/),
  m(`postgres:alice:${S}@db.example/app`, /"postgres:" must be followed by "\/\/"/),
  m(`host=db.example password=ab ${S} dbname=app`, /the word at character 29 has no "="/),
  m(`host=db.example password='${S} dbname=app`, /the quoted value that starts at character 26 has no closing/),
  m(`host=db.example passwrod=${S} dbname=app`, /the keyword at character 17 is not one pgtide knows/),
  m(`host=db.example password=${S} connect_timeout=10`, /the keyword connect_timeout \(at character \d+\) is not supported/),
  m(`host=db.example,db2.example password=${S}`, /host lists several hosts/),
  m(`host=db.example port=5x432 password=${S}`, /the port \(at character 17\)/),
  m(`pglite://alice:${S}@db.example/app`, /pglite:\/\/ is not a URL scheme/),
  m(`pglite:alice:${S}@db.example/app`, /looks like user:password@host/),
  m(`pglite:file://alice:${S}@db.example/app`, /file: URL after pglite:/),
];

/** Sources that are not database sources at all, where only a database will do. */
export const NOT_A_DATABASE: readonly string[] = [`alice:${S}@db.example/app`, `db.example password=${S}`];

/** Every 4-character piece of the secret: none may appear in any output. */
export function secretPieces(secret = SECRET): string[] {
  const out: string[] = [];
  for (let i = 0; i + 4 <= secret.length; i++) out.push(secret.slice(i, i + 4));
  return out;
}
