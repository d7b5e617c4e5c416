import pc from 'picocolors';
import { redactSecrets, redactUrl } from '../db/url.js';
import { usageError } from '../errors.js';

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

/**
 * Every line pgtide prints goes through here, so no password can reach a terminal or a log. Stdout
 * carries SQL, so only postgres:// URLs are redacted there (a literal like 'https://u:tok@h' in a
 * printed migration must stay intact); stderr carries errors and stacks and gets everything shaped
 * like a password redacted.
 */
export function print(text: string): void {
  process.stdout.write(`${redactUrl(text)}\n`);
}

export function printErr(text: string): void {
  process.stderr.write(`${redactSecrets(text)}\n`);
}

export function parseFormat(value: string | undefined, allowed: readonly Format[], fallback: Format): Format {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as Format;
  throw usageError(`--format ${value} is not available for this command; use one of: ${allowed.join(', ')}.`);
}
