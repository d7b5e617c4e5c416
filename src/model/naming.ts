/**
 * PostgreSQL's own naming of unnamed constraints and indexes (makeObjectName, ChooseRelationName and
 * ChooseIndexNameAddition in src/backend/commands/indexcmds.c), so that names the DSL chooses match
 * what the server would pick and what introspection of a hand-written schema reports.
 * It lives in the model because the DSL (names it chooses), the planner (names of partition keys) and
 * pull (names it can leave out) all need it.
 */

const NAMEDATALEN = 64;
const MAX_BYTES = NAMEDATALEN - 1;

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

/** The longest prefix of `s` that fits in `bytes` UTF-8 bytes without splitting a character. */
function clipBytes(s: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const len = byteLength(ch);
    if (used + len > bytes) break;
    out += ch;
    used += len;
  }
  return out;
}

/** Identifiers longer than 63 bytes are truncated by the server; the DSL does the same up front. */
export function truncateIdentifier(name: string): string {
  return clipBytes(name, MAX_BYTES);
}

/** makeObjectName: `name1_name2_label`, shortening the longer of name1/name2 first to fit 63 bytes. */
export function makeObjectName(name1: string, name2: string | null, label: string | null): string {
  let n1 = byteLength(name1);
  let n2 = name2 === null ? 0 : byteLength(name2);
  let overhead = name2 === null ? 0 : 1;
  if (label !== null) overhead += byteLength(label) + 1;
  const available = MAX_BYTES - overhead;
  while (n1 + n2 > available) {
    if (n1 > n2) n1--;
    else n2--;
  }
  let name = clipBytes(name1, n1);
  if (name2 !== null) name += `_${clipBytes(name2, n2)}`;
  if (label !== null) name += `_${label}`;
  return name;
}

/** ChooseIndexNameAddition: column names joined by `_`, stopping once the result reaches 64 bytes. */
export function nameAddition(columns: readonly string[]): string {
  let out = '';
  for (const column of columns) {
    if (out.length > 0) out += '_';
    out += clipBytes(column, MAX_BYTES);
    if (byteLength(out) >= NAMEDATALEN) break;
  }
  return out;
}

/**
 * ChooseRelationName / ChooseConstraintName: on a clash the label gets a counter (`_key1`, `_key2`…)
 * while the name parts are re-truncated to keep the whole within 63 bytes.
 */
export function chooseName(
  name1: string,
  name2: string | null,
  label: string,
  taken: (candidate: string) => boolean,
): string {
  let candidate = makeObjectName(name1, name2, label);
  for (let pass = 1; taken(candidate); pass++) candidate = makeObjectName(name1, name2, `${label}${pass}`);
  return candidate;
}

const IDENT = /^"?([A-Za-z_][A-Za-z0-9_$]*)"?$/;
const CALL = /^(?:"?[A-Za-z_][A-Za-z0-9_$]*"?\.)?"?([A-Za-z_][A-Za-z0-9_$]*)"?\s*\(/;
const CAST = /^(.*)::\s*([A-Za-z_][A-Za-z0-9_$]*)(?:\([0-9, ]*\))?(?:\[\])*$/s;

function stripParens(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  return t;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * FigureIndexColname for an index expression: a function call is named after the function, a cast
 * after its operand, a bare column after itself; anything else is `expr`. Only the common shapes are
 * recognised; unusual expressions fall back to `expr` as the server does for operators.
 */
export function expressionColumnName(expression: string): string {
  const text = stripParens(expression);
  const ident = IDENT.exec(text);
  if (ident?.[1]) return text.startsWith('"') ? ident[1] : ident[1].toLowerCase();
  const call = CALL.exec(text);
  // The call must span the whole expression: `lower(a) || lower(b)` is an operator, not a call.
  if (call?.[1] && text.endsWith(')') && balanced(text.slice(call[0].length, -1))) return call[1].toLowerCase();
  const cast = CAST.exec(text);
  if (cast?.[1] && cast[2]) {
    const inner = expressionColumnName(cast[1]);
    return inner !== 'expr' ? inner : cast[2].toLowerCase();
  }
  return 'expr';
}

/** ChooseIndexColumnNames: repeated key names get a numeric suffix so each is distinct. */
export function distinctColumnNames(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    let candidate = name;
    for (let i = 1; out.includes(candidate); i++) candidate = `${name}${i}`;
    out.push(candidate);
  }
  return out;
}

/**
 * makeMultirangeTypeName (src/backend/catalog/pg_type.c): the multirange the server names for a range
 * type when CREATE TYPE gives none: the first "range" in the name becomes "multirange", or else
 * "_multirange" is appended to the name cut to 52 bytes; the result is cut to 63 bytes.
 */
export function defaultMultirangeName(range: string): string {
  const at = range.indexOf('range');
  const name = at >= 0 ? `${range.slice(0, at)}multi${range.slice(at)}` : `${clipBytes(range, NAMEDATALEN - 12)}_multirange`;
  return clipBytes(name, MAX_BYTES);
}
