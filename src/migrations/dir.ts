import { LocalDir } from './local-dir.js';

/** What an entry of a migrations directory is; `other` is anything but a file or a folder (a socket, a fifo). */
export type EntryKind = 'file' | 'dir' | 'other';

/**
 * A migrations directory: where migration folders and pgtide.sum are read and written. Every path
 * given to it is relative to its root, with `/` between parts; `''` is the root itself.
 *
 * Failures are Node-style errors whose `code` is ENOENT, ENOTDIR, EEXIST, EISDIR or ENOTEMPTY,
 * whatever the implementation, so the reading and writing logic handles one error vocabulary.
 *
 * Reading is synchronous: a history is hundreds of small files, and one thread-pool round trip per
 * stat and read made reading 100 migrations 2-4× slower on a busy machine. pgtide.sum is small and
 * written synchronously too, so that its callers may or may not await.
 */
export interface MigrationDir {
  /** The directory as messages name it; `MigrationFolder.dir` is this joined with the folder name. */
  readonly path: string;
  /** Entry names in any order; fails with ENOENT when absent and ENOTDIR when `rel` is a file. */
  list(rel: string): string[];
  /** What `rel` is, following symbolic links; fails with ENOENT when absent. */
  kind(rel: string): EntryKind;
  /** The bytes of a file. */
  read(rel: string): Uint8Array;
  /** Writes `text` to `rel`, creating `rel`'s folder if needed and replacing any file there in one step. */
  replace(rel: string, text: string): void;
  /** Creates a folder; with `parents`, also missing parents, and an existing folder is no error. */
  mkdir(rel: string, opts: { readonly parents: boolean }): Promise<void>;
  /** Creates a new file (EEXIST if there is one) and has it on stable storage before resolving. */
  create(rel: string, text: string): Promise<void>;
  /** Renames `from` to `to`; like rename(2), a folder replaces an empty folder. */
  rename(from: string, to: string): Promise<void>;
  /** Removes `rel` and everything under it; nothing when absent. */
  remove(rel: string): Promise<void>;
}

/** A path names a folder on disk; a MigrationDir is used as it is. */
export function migrationDir(dir: string | MigrationDir): MigrationDir {
  return typeof dir === 'string' ? new LocalDir(dir) : dir;
}
