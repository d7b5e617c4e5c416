import { formatMs } from '../api/display.js';

/** What a long command is doing, for the one line `activity` keeps on a terminal. */
export interface Activity {
  /** The command moved on to another step. */
  readonly step: (what: string) => void;
  /** Clears the line; call before printing the result. */
  readonly done: () => void;
}

/** A command that is quick needs no line: it appears only once this much has passed. */
const DELAY_MS = 500;
const TICK_MS = 100;

const SILENT: Activity = Object.freeze({ step: () => undefined, done: () => undefined });

export interface ActivityOptions {
  /** Where the line goes (stderr). */
  readonly stream?: NodeJS.WriteStream;
  /** Where the result goes (stdout): when it is not a terminal, the output is being kept. */
  readonly result?: { readonly isTTY?: boolean };
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * On a terminal, once a command has run for half a second, one line on stderr names what it is
 * doing and for how long, rewritten in place and cleared before the result is printed. When either
 * stream is not a terminal, or CI is set, nothing: logs and redirected output keep only the result.
 */
export function activity(first: string, opts: ActivityOptions = {}): Activity {
  const stream = opts.stream ?? process.stderr;
  const env = opts.env ?? process.env;
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
  if (!stream.isTTY || !(opts.result ?? process.stdout).isTTY || ci) return SILENT;
  const started = Date.now();
  let what = first;
  let shown = false;
  const render = (): void => {
    stream.write(`\r\x1b[2K${what}… (${formatMs(Date.now() - started)})`);
    shown = true;
  };
  // Unreferenced: the line never keeps a finished command alive.
  const timer = setInterval(() => {
    if (Date.now() - started >= DELAY_MS) render();
  }, TICK_MS);
  timer.unref();
  return {
    step: (next) => {
      what = next;
      if (shown) render();
    },
    done: () => {
      clearInterval(timer);
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
