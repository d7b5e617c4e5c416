import { tokenize, type Token } from '../util/sql-lexer.js';
import { splitStatements } from './split.js';

function unquote(src: string, tok: Token): string {
  const text = src.slice(tok.start, tok.end);
  return tok.type === 'quoted-ident' ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

/**
 * Names of the extensions a script creates (`CREATE EXTENSION [IF NOT EXISTS] name`), read from
 * its tokens. PGlite can only create contrib extensions whose bundles were loaded at start-up, so a
 * replay loads exactly these instead of every bundle (each one costs start-up time).
 */
export function createdExtensions(sql: string, file?: string): string[] {
  const names: string[] = [];
  for (const st of splitStatements(sql, file)) {
    const words: Token[] = [];
    for (const tok of tokenize(st.text, (_at, problem) => {
      throw new Error(problem);
    })) {
      if (tok.type === 'space' || tok.type === 'line-comment' || tok.type === 'block-comment') continue;
      words.push(tok);
      if (words.length === 6) break;
    }
    const lower = words.map((t) => (t.type === 'word' ? unquote(st.text, t) : ''));
    if (lower[0] !== 'create' || lower[1] !== 'extension') continue;
    const nameAt = lower[2] === 'if' && lower[3] === 'not' && lower[4] === 'exists' ? 5 : 2;
    const tok = words[nameAt];
    if (tok && (tok.type === 'word' || tok.type === 'quoted-ident')) names.push(unquote(st.text, tok));
  }
  return names;
}
