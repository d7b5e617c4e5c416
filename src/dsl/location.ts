import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a DSL object was declared in the user's code. */
export interface Location {
  readonly file: string;
  readonly line: number;
}

// Frames from pgtide itself (src/dsl when run from source, dist/dsl when installed) are skipped so
// the location points at the user's declaration, not at the builder that recorded it. Both folders
// are skipped whichever one runs: with source maps on (tsx turns them on), dist/dsl frames are
// reported as the src/dsl files they were compiled from.
const DSL_DIR = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = dirname(dirname(DSL_DIR));
const OWN_DIRS = [DSL_DIR, join(PACKAGE_ROOT, 'src', 'dsl'), join(PACKAGE_ROOT, 'dist', 'dsl')];
const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):\d+\)?$/;

// Loaders such as tsx append a query (`?tsx-namespace=…`) to module paths; it is not part of the file.
function frameFile(raw: string): string {
  const path = raw.startsWith('file://') ? fileURLToPath(raw) : raw;
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}

function isUserFrame(file: string): boolean {
  return !OWN_DIRS.some((dir) => file.startsWith(dir)) && !file.startsWith('node:') && !file.includes('/node_modules/');
}

/** The first stack frame outside pgtide and node_modules, or null when there is none. */
export function captureLocation(): Location | null {
  const previous = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previous;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const file = frameFile(match[1]);
    if (isUserFrame(file)) return { file, line: Number(match[2]) };
  }
  return null;
}
