import { UNMANAGED_KINDS, type UnmanagedObject } from '../model/unmanaged.js';
import { commentIdent, commentQualified, commentText } from '../sql/ident.js';

export type { UnmanagedObject } from '../model/unmanaged.js';

/** The objects no reader models in one side of a comparison, and how that side is named (safe to print). */
export interface UnmanagedSide {
  readonly label: string;
  readonly objects: readonly UnmanagedObject[];
}

/**
 * How a message names an object pgtide does not manage, e.g. `aggregate public.agg(text)`. Names go
 * through the comment-safe quoting and the server's text through its last guard, so that a name with
 * a line break cannot forge a line of its own.
 */
export function describeUnmanaged(o: UnmanagedObject): string {
  const name = o.name === '' ? '' : o.schema === null ? commentIdent(o.name) : commentQualified(o.schema, o.name);
  const detail = o.detail === null ? '' : commentText(o.detail);
  const what = `${name}${detail}`.trim();
  return `${UNMANAGED_KINDS[o.kind]} ${what}`;
}

const CONSEQUENCE = {
  compared: 'it is left as it is and not compared',
  pulled: 'it is not written to the schema files',
  generated: 'no migration creates, changes or drops it',
} as const;

/**
 * One line per object pgtide does not manage, naming the sides it is in: the comparison left it as it
 * is, so equal schemas here do not mean equal databases. An object in both sides is named once.
 */
export function unmanagedNotes(sides: readonly UnmanagedSide[], by: keyof typeof CONSEQUENCE = 'compared'): string[] {
  const where = new Map<string, string[]>();
  for (const side of sides) {
    for (const o of side.objects) {
      const line = describeUnmanaged(o);
      const labels = where.get(line) ?? [];
      if (!labels.includes(side.label)) labels.push(side.label);
      where.set(line, labels);
    }
  }
  return [...where].map(([line, labels]) =>
    `${line} (in ${labels.join(' and ')}) is not managed by pgtide: ${CONSEQUENCE[by]}.`);
}
