import { RESERVED_KEYWORDS } from './keywords.js';

/**
 * The only place in pgtide that quotes identifiers or literals. Everything else holds raw names and
 * calls these functions at the moment SQL text is produced.
 */

// Lowercase-safe: what the server folds an unquoted word to and prints back unquoted.
const SAFE_IDENT = /^[a-z_][a-z0-9_$]*$/;

function rejectNul(value: string, what: string): void {
  if (value.includes('\0')) throw new Error(`${what} contains a NUL character, which PostgreSQL cannot store`);
}

/** Quotes an identifier only when needed: not lowercase-safe, or a non-unreserved keyword. */
export function quoteIdent(name: string): string {
  rejectNul(name, `identifier ${JSON.stringify(name)}`);
  if (name.length === 0) throw new Error('an identifier cannot be empty');
  if (SAFE_IDENT.test(name) && !RESERVED_KEYWORDS.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function quoteQualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

// The characters PostgreSQL allows in an operator name (CREATE OPERATOR).
const OPERATOR_NAME = /^[+\-*/<>=~!@#%^&|`?]+$/;

/**
 * An operator by schema and name, as `OPERATOR(schema.op)`: an operator name is not an identifier
 * and cannot be quoted, so one with any other character is refused.
 */
export function quoteOperator(schema: string, name: string): string {
  if (!OPERATOR_NAME.test(name)) throw new Error(`operator name ${JSON.stringify(name)} is not made of operator characters`);
  return `OPERATOR(${quoteIdent(schema)}.${name})`;
}

/**
 * A string literal. Plain '…' with doubled quotes is correct under standard_conforming_strings (the
 * default since 9.1); when the value has a backslash, the E'…' form is used so that the literal means
 * the same whatever that setting is.
 */
export function quoteLiteral(value: string): string {
  rejectNul(value, 'a string literal');
  const doubled = value.replace(/'/g, "''");
  if (!value.includes('\\')) return `'${doubled}'`;
  return `E'${doubled.replace(/\\/g, '\\\\')}'`;
}

/** A dollar-quoted literal (a DO block's body), with a tag the body does not contain. */
export function dollarQuote(body: string, tag = 'pgtide'): string {
  rejectNul(body, 'a dollar-quoted body');
  if (!/^[a-z_][a-z0-9_]*$/.test(tag)) throw new Error(`dollar-quote tag ${JSON.stringify(tag)} is not a plain word`);
  let t = tag;
  for (let i = 1; body.includes(`$${t}$`); i++) t = `${tag}${i}`;
  return `$${t}$${body}$${t}$`;
}

/*
 * Names in comments, directives and headers of written files, and in messages. A `--` comment ends
 * at \n or \r for PostgreSQL, psql and pgtide's splitter, so a raw name there could end the comment
 * and put the rest of the name on a line of its own, as a statement. Editors, diff viewers and
 * terminals also break lines at \v, \f, U+0085, U+2028 and U+2029, and other control and format
 * characters (escape sequences, bidirectional overrides, zero-width characters) can make a line read
 * differently from what it holds. None of these may reach such a line as themselves.
 */
const UNSAFE_ON_A_LINE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const UNSAFE_ON_A_LINE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
// A name made of these reads unambiguously bare in a dotted path, whatever its case.
const PLAIN_NAME = /^[\p{L}\p{N}_$]+$/u;

/** Whether a text holds a character that must not be written as itself on a comment or directive line. */
export function breaksCommentLine(text: string): boolean {
  return UNSAFE_ON_A_LINE.test(text);
}

function hex(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase();
}

/**
 * A name as a comment or message shows it: bare when it is made of letters, digits, `_` and `$`
 * (`public.Users.email`, as a reader writes it); otherwise as a quoted identifier (`"user id"`);
 * and when it holds a control, format or line-break character, as a Unicode-escaped identifier
 * (`U&"note\000ADELETE"`), the SQL spelling that keeps the whole name on one line and means exactly
 * the same name when pasted into psql.
 */
export function commentIdent(name: string): string {
  if (PLAIN_NAME.test(name)) return name;
  const doubled = name.replace(/"/g, '""');
  if (!UNSAFE_ON_A_LINE.test(name)) return `"${doubled}"`;
  const escaped = doubled.replace(/\\/g, '\\\\').replace(UNSAFE_ON_A_LINE_ALL, (ch) => {
    const code = hex(ch);
    return code.length <= 4 ? `\\${code.padStart(4, '0')}` : `\\+${code.padStart(6, '0')}`;
  });
  return `U&"${escaped}"`;
}

/** `schema.table.column` for comments and messages, each part as commentIdent shows it. */
export function commentQualified(...parts: readonly string[]): string {
  return parts.map(commentIdent).join('.');
}

/**
 * Free text (a hazard's reason, a function's argument list, a file name) made safe for one comment
 * line: every control, format or line-break character becomes a visible `\uXXXX` escape. Names
 * inside the text should already have gone through commentIdent; this is the last guard of the line.
 */
export function commentText(text: string): string {
  return text.replace(UNSAFE_ON_A_LINE_ALL, (ch) => `\\u{${hex(ch)}}`);
}
