/**
 * Splits a SQL script into statements the way psql does, so an engine without psql (PGlite) runs
 * each statement on its own: one multi-statement query is an implicit transaction, in which
 * CREATE INDEX CONCURRENTLY and friends fail although psql -f runs the same file fine.
 *
 * Understands '…' and E'…' strings, "…" identifiers, $tag$…$tag$ bodies, -- and nested /* *\/
 * comments. Statements that are only comments or whitespace are dropped.
 */
export function splitStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < script.length) {
    const ch = script[i]!;
    if (ch === ';') {
      pushStatement(out, script.slice(start, i + 1));
      start = i + 1;
      i += 1;
    } else {
      i = skipToken(script, i);
    }
  }
  pushStatement(out, script.slice(start));
  return out;
}

function pushStatement(out: string[], text: string): void {
  if (stripComments(text).trim().replace(/;$/, '').trim() !== '') out.push(text.trim());
}

/** The index just past the token that starts at i (a single character when it is plain text). */
function skipToken(s: string, i: number): number {
  const ch = s[i]!;
  const next = s[i + 1];
  if (ch === '-' && next === '-') return skipLineComment(s, i);
  if (ch === '/' && next === '*') return skipBlockComment(s, i);
  if (ch === "'") return skipQuoted(s, i, "'", isEscapeString(s, i));
  if (ch === '"') return skipQuoted(s, i, '"', false);
  if (ch === '$') return skipDollar(s, i);
  return i + 1;
}

function skipLineComment(s: string, i: number): number {
  const end = s.indexOf('\n', i);
  return end === -1 ? s.length : end + 1;
}

function skipBlockComment(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    if (s[j] === '/' && s[j + 1] === '*') {
      depth += 1;
      j += 2;
    } else if (s[j] === '*' && s[j + 1] === '/') {
      depth -= 1;
      j += 2;
      if (depth === 0) return j;
    } else {
      j += 1;
    }
  }
  return s.length;
}

/** E'…' (or e'…') directly after a non-identifier character: backslash escapes apply. */
function isEscapeString(s: string, quoteAt: number): boolean {
  const prev = s[quoteAt - 1];
  if (prev !== 'E' && prev !== 'e') return false;
  const before = s[quoteAt - 2];
  return before === undefined || !/[A-Za-z0-9_$]/.test(before);
}

function skipQuoted(s: string, i: number, quote: string, backslashEscapes: boolean): number {
  let j = i + 1;
  while (j < s.length) {
    const ch = s[j]!;
    if (backslashEscapes && ch === '\\') {
      j += 2;
    } else if (ch === quote) {
      if (s[j + 1] === quote) j += 2;
      else return j + 1;
    } else {
      j += 1;
    }
  }
  return s.length;
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

function skipDollar(s: string, i: number): number {
  // A $ inside an identifier or a positional parameter ($1) is not a quote.
  const prev = s[i - 1];
  if (prev !== undefined && /[A-Za-z0-9_]/.test(prev)) return i + 1;
  const m = DOLLAR_TAG.exec(s.slice(i, i + 64));
  if (!m) return i + 1;
  const tag = m[0];
  const end = s.indexOf(tag, i + tag.length);
  return end === -1 ? s.length : end + tag.length;
}

function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    if ((ch === '-' && next === '-') || (ch === '/' && next === '*')) {
      i = skipToken(text, i);
      out += ' ';
    } else {
      const j = skipToken(text, i);
      out += text.slice(i, j);
      i = j;
    }
  }
  return out;
}
