import { folderName, FILE_NAMES, PHASE_FILES, type MigrationFolder, type MigrationPhaseFile } from '../migrations/index.js';
import { fileParts, partStatements, type Part } from './parts.js';
import { fileChecksum, type MigrationStatus } from './work.js';
import { commentText } from '../sql/ident.js';

export type ApplyPhase = MigrationPhaseFile | 'all';
export const APPLY_PHASES: readonly ApplyPhase[] = Object.freeze([...PHASE_FILES, 'all' as const]);

/** One phase file of one migration that apply will run (or resume). */
export interface WorkItem {
  readonly folder: MigrationFolder;
  readonly phase: MigrationPhaseFile;
  /** `<folder>/<phase>.sql`, relative to the migrations directory. */
  readonly file: string;
  readonly checksum: string;
  readonly parts: readonly Part[];
  readonly doneParts: ReadonlySet<number>;
  readonly interruptedParts: ReadonlySet<number>;
}

/**
 * The phases to run, in order. A phase runs only when the earlier phases of its migration are done
 * (or run before it in this same call): `all` therefore runs contract only for migrations whose
 * expand and migrate are done, and `--phase contract` skips migrations still waiting for migrate.
 */
export function selectWork(statuses: readonly MigrationStatus[], phase: ApplyPhase, to: string | null): WorkItem[] {
  const wanted = new Set<MigrationPhaseFile>(phase === 'all' ? PHASE_FILES : [phase]);
  const items: WorkItem[] = [];
  for (const m of statuses) {
    if (!m.folder || (to !== null && m.version > to)) continue;
    let ready = true;
    for (const p of m.phases) {
      const text = m.folder.files[p.phase];
      const pending = text !== undefined && (p.state === 'pending' || p.state === 'partial');
      if (pending && ready && wanted.has(p.phase)) {
        const file = `${folderName(m.folder)}/${FILE_NAMES[p.phase]}`;
        items.push({
          folder: m.folder,
          phase: p.phase,
          file,
          checksum: fileChecksum(text),
          parts: fileParts(text, `${m.folder.dir}/${FILE_NAMES[p.phase]}`),
          doneParts: p.doneParts,
          interruptedParts: p.interruptedParts,
        });
      } else if (pending) {
        ready = false;
      }
    }
  }
  return items;
}

/** Exactly what apply would run, as a script a person can read (and psql could run). */
export function dryRunScript(items: readonly WorkItem[]): string {
  if (items.length === 0) return '-- nothing to apply';
  const out: string[] = [];
  for (const item of items) {
    const resumed = item.doneParts.size > 0 ? ` (resumed: ${item.doneParts.size} of ${item.parts.length} parts already done)` : '';
    out.push(`-- ${commentText(item.file)}${resumed}`);
    item.parts.forEach((part, i) => {
      if (item.doneParts.has(i)) return;
      const body = partStatements(part).map((st) => `${st.text};`);
      switch (part.kind) {
        case 'transaction':
          out.push('BEGIN;', ...body, 'COMMIT;');
          break;
        case 'single':
          out.push('-- pgtide:no-transaction', ...body);
          break;
        case 'batch':
          out.push(`-- pgtide:batch size=${part.size} (repeated, one transaction each, until it touches no row)`, ...body);
          break;
        default: {
          const never: never = part;
          throw new Error(`unknown part ${JSON.stringify(never)}`);
        }
      }
    });
    out.push('');
  }
  return out.join('\n');
}
