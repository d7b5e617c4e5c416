import { usageError } from '../errors.js';

/**
 * Splits a file whose up and down parts are marked by comment lines (goose's `-- +goose Up`,
 * dbmate's `-- migrate:up`). `marker` matches a marker line and names its section; other marker-like
 * lines the tool knows but pgtide needs not keep (goose's StatementBegin) are dropped by `drop`.
 */
export function splitSections(
  text: string,
  file: string,
  marker: (line: string) => { section: 'up' | 'down'; options: string } | null,
  drop: (line: string) => boolean = () => false,
): { up: string; down: string | null; upOptions: string } {
  const parts: Record<'up' | 'down', string[] | null> = { up: null, down: null };
  let current: 'up' | 'down' | null = null;
  let upOptions = '';
  for (const line of text.split(/\r?\n/)) {
    const m = marker(line.trim());
    if (m) {
      current = m.section;
      if (m.section === 'up') upOptions = m.options;
      parts[current] = parts[current] ?? [];
      continue;
    }
    if (drop(line.trim())) continue;
    if (current !== null) parts[current]!.push(line);
  }
  if (parts.up === null) throw usageError(`${file}: no up section marker was found. Is this file in the format given with --from?`);
  const join = (lines: string[] | null): string | null => (lines === null ? null : `${lines.join('\n').trim()}\n`);
  return { up: join(parts.up)!, down: join(parts.down), upOptions };
}
