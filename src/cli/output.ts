import pc from 'picocolors';
import { redactSecrets, redactUrl } from '../api/database-text.js';
import { ExitCode, usageError } from '../errors.js';

export type Format = 'human' | 'json' | 'sql' | 'markdown';

export interface GlobalOptions {
  readonly config?: string;
  readonly database?: string;
  readonly format?: string;
  readonly color?: boolean;
  readonly debug?: boolean;
}

/** Colors only for a terminal, and never when NO_COLOR is set or --no-color is given. */
export function useColor(opts: GlobalOptions, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (opts.color === false || 'NO_COLOR' in process.env) return false;
  return Boolean(stream.isTTY);
}

export type Colors = ReturnType<typeof pc.createColors>;

export function colors(opts: GlobalOptions): Colors {
  return pc.createColors(useColor(opts));
}

const closed = new Set<NodeJS.WritableStream>();
let writeFailed = false;
let guarded = false;

/**
 * A reader that goes away (`pgtide status | head`) closes the pipe, and Node reports that as an
 * 'error' event which, unheard, ends the process with a stack trace. A closed reader wanted no more:
 * the rest of the output is dropped quietly and the command finishes its work with its own exit code,
 * so that a pager closed early never stops an apply between two steps. Any other write failure (a
 * full disk under `> plan.sql`) means output was lost: one line on stderr and exit 3.
 */
export function guardOutputStreams(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      closed.add(stream);
      if (err.code === 'EPIPE') return;
      writeFailed = true;
      // The exit code may already be set when the failure arrives after the last write.
      process.exitCode = ExitCode.runtime;
      if (!closed.has(process.stderr)) process.stderr.write(`pgtide: could not write the output (${err.code ?? err.message}); it is incomplete.\n`);
    });
  }
}

/** The command's exit code, or 3 when part of its output could not be written. */
export function exitCodeAfterOutput(code: number): number {
  return writeFailed ? ExitCode.runtime : code;
}

function write(stream: NodeJS.WriteStream, text: string): void {
  if (closed.has(stream)) return;
  stream.write(`${text}\n`);
}

/**
 * Every line pgtide prints goes through here, so no password can reach a terminal or a log. Stdout
 * carries SQL, so only postgres:// URLs are redacted there (a literal like 'https://u:tok@h' in a
 * printed migration must stay intact); stderr carries errors and stacks and gets everything shaped
 * like a password redacted.
 */
export function print(text: string): void {
  write(process.stdout, redactUrl(text));
}

export function printErr(text: string): void {
  write(process.stderr, redactSecrets(text));
}

export function parseFormat(value: string | undefined, allowed: readonly Format[], fallback: Format): Format {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as Format;
  throw usageError(`--format ${value} is not available for this command; use one of: ${allowed.join(', ')}.`);
}
