import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * A hash of every file of a PGlite data folder by name, size and modification time (nanoseconds),
 * or null when the folder does not exist. Any write to the database, by this process or any other,
 * changes at least the WAL and the control file, and so the fingerprint; reading ~1,000 stats is a
 * few milliseconds, where starting PGlite to look is a second or more.
 */
export async function dataDirFingerprint(dir: string): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch {
    return null;
  }
  const lines = await Promise.all(
    names.sort().map(async (name) => {
      const s = await stat(path.join(dir, name), { bigint: true }).catch(() => null);
      return s === null ? `${name}\tgone` : `${name}\t${s.isDirectory() ? 'dir' : `${s.size}\t${s.mtimeNs}`}`;
    }),
  );
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
