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
