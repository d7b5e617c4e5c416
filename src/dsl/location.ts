import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a DSL object was declared in the user's code. */
export interface Location {
  readonly file: string;
  readonly line: number;
}

// Frames from pgtide itself (src/dsl when run from source, dist/dsl when installed) are skipped so
// the location points at the user's declaration, not at the builder that recorded it. Both folders
// are skipped whichever one runs: with source maps on (node --enable-source-maps), dist/dsl frames are
// reported as the src/dsl files they were compiled from.
const DSL_DIR = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = dirname(dirname(DSL_DIR));
const OWN_DIRS = [DSL_DIR, join(PACKAGE_ROOT, 'src', 'dsl'), join(PACKAGE_ROOT, 'dist', 'dsl')];
const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/** Maps a line and column (1-based) of a compiled module to the user's file and line they came from. */
export type CompiledLines = (line: number, column: number) => Location | null;

// The modules pgtide compiled from users' files (api/module-bundle.ts), by the path they run from:
// frames in them are read through their source maps, whoever formats the stack (a test runner
// replaces Node's own source map support).
const COMPILED = new Map<string, CompiledLines>();

export function registerCompiledModule(file: string, lines: CompiledLines): void {
  COMPILED.set(file, lines);
}

// A query on a module path (`?load=3` on a compiled module, `?tsx-namespace=…` from tsx) is not part of the file.
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
  return userLocation(stack);
}

/** The first frame of a stack in a user's file, read through the source map of a compiled module. */
export function userLocation(stack: string): Location | null {
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line.trim());
    if (!match?.[1] || !match[2] || !match[3]) continue;
    const file = frameFile(match[1]);
    const compiled = COMPILED.get(file);
    if (compiled !== undefined) {
      const mapped = compiled(Number(match[2]), Number(match[3]));
      if (mapped !== null && isUserFrame(mapped.file)) return mapped;
      continue;
    }
    if (isUserFrame(file)) return { file, line: Number(match[2]) };
  }
  return null;
}
