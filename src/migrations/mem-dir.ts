import { posix } from 'node:path';
import type { EntryKind, MigrationDir } from './dir.js';

type Entry = { readonly kind: 'dir' } | { readonly kind: 'file'; readonly bytes: Uint8Array };

const DIR: Entry = { kind: 'dir' };

/** An error shaped like the one node:fs gives, so code written against LocalDir reads it alike. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path });
}

/**
 * A migrations directory held in memory, for tests of history logic and for callers that build a
 * history without a disk. Its root always exists; there are no symbolic links or special files.
 */
export class MemDir implements MigrationDir {
  private readonly entries = new Map<string, Entry>([['', DIR]]);

  /** `files` maps paths relative to the root to their content; their folders are created. */
  constructor(files: Readonly<Record<string, string | Uint8Array>> = {}, readonly path = 'migrations') {
    for (const [rel, content] of Object.entries(files)) this.put(rel, content);
  }

  /** Writes a file as it is, bytes that are not UTF-8 included, creating its folders: how a test lays out a folder by hand. */
  put(rel: string, content: string | Uint8Array): void {
    const at = this.norm(rel);
    this.makeParents(at);
    if (this.entries.get(at)?.kind === 'dir') throw fsError('EISDIR', 'open', this.show(at));
    this.entries.set(at, { kind: 'file', bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : Uint8Array.from(content) });
  }

  list(rel: string): string[] {
    const at = this.norm(rel);
    const e = this.get(at, 'scandir');
    if (e.kind !== 'dir') throw fsError('ENOTDIR', 'scandir', this.show(at));
    return this.children(at).map((p) => posix.basename(p));
  }

  kind(rel: string): EntryKind {
    return this.get(this.norm(rel), 'stat').kind;
  }

  read(rel: string): Uint8Array {
    const at = this.norm(rel);
    const e = this.get(at, 'open');
    if (e.kind !== 'file') throw fsError('EISDIR', 'read', this.show(at));
    return e.bytes;
  }

  replace(rel: string, text: string): void {
    this.put(rel, text);
  }

  async mkdir(rel: string, opts: { readonly parents: boolean }): Promise<void> {
    const at = this.norm(rel);
    const e = this.entries.get(at);
    if (e !== undefined) {
      if (opts.parents && e.kind === 'dir') return;
      throw fsError('EEXIST', 'mkdir', this.show(at));
    }
    if (opts.parents) this.makeParents(at);
    else this.parentFolder(at, 'mkdir');
    this.entries.set(at, DIR);
  }

  async create(rel: string, text: string): Promise<void> {
    const at = this.norm(rel);
    if (this.entries.has(at)) throw fsError('EEXIST', 'open', this.show(at));
    this.parentFolder(at, 'open');
    this.entries.set(at, { kind: 'file', bytes: Buffer.from(text, 'utf8') });
  }

  async rename(from: string, to: string): Promise<void> {
    const [src, dst] = [this.norm(from), this.norm(to)];
    const moving = this.get(src, 'rename');
    this.parentFolder(dst, 'rename');
    const there = this.entries.get(dst);
    if (there !== undefined) {
      if (moving.kind === 'dir' && there.kind !== 'dir') throw fsError('ENOTDIR', 'rename', this.show(dst));
      if (moving.kind === 'file' && there.kind === 'dir') throw fsError('EISDIR', 'rename', this.show(dst));
      if (there.kind === 'dir' && this.children(dst).length > 0) throw fsError('ENOTEMPTY', 'rename', this.show(dst));
    }
    const moved = [...this.entries].filter(([p]) => p === src || p.startsWith(`${src}/`));
    for (const [p] of moved) this.entries.delete(p);
    for (const [p, e] of moved) this.entries.set(dst + p.slice(src.length), e);
  }

  async remove(rel: string): Promise<void> {
    const at = this.norm(rel);
    for (const p of [...this.entries.keys()]) if (p === at || p.startsWith(`${at}/`)) this.entries.delete(p);
    if (at === '') this.entries.set('', DIR);
  }

  private norm(rel: string): string {
    const p = posix.normalize(rel);
    if (p === '.' || p === '' || p === '/') return '';
    if (p.startsWith('/') || p === '..' || p.startsWith('../')) throw new Error(`MemDir paths are relative to its root: ${rel}`);
    return p.replace(/\/$/, '');
  }

  private show(at: string): string {
    return at === '' ? this.path : posix.join(this.path, at);
  }

  private get(at: string, syscall: string): Entry {
    const e = this.entries.get(at);
    if (e === undefined) throw fsError(this.underFile(at) ? 'ENOTDIR' : 'ENOENT', syscall, this.show(at));
    return e;
  }

  /** True when some ancestor of `at` is a file, which node:fs reports as ENOTDIR. */
  private underFile(at: string): boolean {
    for (let p = posix.dirname(at); p !== '.'; p = posix.dirname(p)) if (this.entries.get(p)?.kind === 'file') return true;
    return false;
  }

  private parentFolder(at: string, syscall: string): void {
    const parent = posix.dirname(at);
    const e = this.get(parent === '.' ? '' : parent, syscall);
    if (e.kind !== 'dir') throw fsError('ENOTDIR', syscall, this.show(at));
  }

  private makeParents(at: string): void {
    const parts = this.norm(at).split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      const e = this.entries.get(p);
      if (e?.kind === 'file') throw fsError('ENOTDIR', 'mkdir', this.show(p));
      if (e === undefined) this.entries.set(p, DIR);
    }
  }

  private children(at: string): string[] {
    const prefix = at === '' ? '' : `${at}/`;
    return [...this.entries.keys()].filter((p) => p !== at && p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
  }
}
