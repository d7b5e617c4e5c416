import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { EntryKind, MigrationDir } from './dir.js';

/** A migrations directory on disk. */
export class LocalDir implements MigrationDir {
  constructor(readonly path: string) {}

  private at(rel: string): string {
    return rel === '' ? this.path : join(this.path, rel);
  }

  list(rel: string): string[] {
    return readdirSync(this.at(rel));
  }

  kind(rel: string): EntryKind {
    const s = statSync(this.at(rel));
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  }

  read(rel: string): Uint8Array {
    return readFileSync(this.at(rel));
  }

  replace(rel: string, text: string): void {
    const parent = posix.dirname(rel);
    const folder = this.at(parent === '.' ? '' : parent);
    mkdirSync(folder, { recursive: true });
    // A temporary file next to it, renamed over it: readers see the old text or the new, never half.
    const tmp = join(folder, `.${posix.basename(rel)}.tmp-${randomBytes(4).toString('hex')}`);
    try {
      writeFileSync(tmp, text, { flag: 'wx' });
      renameSync(tmp, this.at(rel));
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
  }

  async mkdir(rel: string, opts: { readonly parents: boolean }): Promise<void> {
    await mkdir(this.at(rel), { recursive: opts.parents });
  }

  async create(rel: string, text: string): Promise<void> {
    const handle = await open(this.at(rel), 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(this.at(from), this.at(to));
  }

  async remove(rel: string): Promise<void> {
    await rm(this.at(rel), { recursive: true, force: true });
  }
}
