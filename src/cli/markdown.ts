/**
 * Text from the database or the files (names, comments, paths) put into markdown. A name is any
 * string PostgreSQL accepts: a backtick, `|`, `*` or `</details>` in one must show as itself, not
 * end a code span, split a table cell, or close the block it is in.
 */
import { commentText } from '../api/display.js';

// Any ASCII punctuation may be backslash-escaped in CommonMark; these can open or close markup in
// running text or a table cell. `&` becomes an entity, so that `&lt;` in a name is not read as `<`.
const SPECIAL = /[\\`*_[\]<>|~]/g;

/** Plain text, shown as written in a paragraph, heading or table cell (on one line). */
export function mdText(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(SPECIAL, (ch, at: number, all: string) =>
    // An underscore inside a word opens no emphasis (GFM): users_email_idx reads as itself unescaped.
    (ch === '_' && WORD.test(all[at - 1] ?? '') && WORD.test(all[at + 1] ?? '') ? ch : `\\${ch}`));
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * An inline code span that holds any text: its fence is one backtick longer than the longest run
 * inside, with a space on each side when the text touches a backtick. In a table cell `|` is
 * escaped, which GitHub's tables undo inside code spans too.
 */
export function mdCode(s: string, opts: { readonly cell?: boolean } = {}): string {
  const text = oneLine(s);
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  const code = `${fence}${pad}${text}${pad}${fence}`;
  return opts.cell ? code.replace(/\|/g, '\\|') : code;
}

/** A fenced code block that no backtick run in the text can close. */
export function mdFence(text: string, lang: string): string {
  const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${fence}${lang}\n${text.replace(/\n+$/, '')}\n${fence}`;
}

/** `<details>` holding a fenced block; the summary is HTML, so it is escaped as HTML. */
export function mdDetails(summary: string, body: string): string {
  // The blank lines end the HTML block around the fence, so the fence is markdown, not raw HTML.
  return `<details><summary>${htmlText(summary)}</summary>\n\n${body}\n\n</details>`;
}

export function htmlText(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Line breaks of any kind become spaces; other control and format characters visible escapes. */
function oneLine(s: string): string {
  return commentText(s.replace(/\r\n|[\n\r\v\f\u0085\u2028\u2029]/g, ' '));
}

function longestRun(text: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
