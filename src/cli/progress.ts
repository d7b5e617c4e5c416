import { formatMs } from '../api/display.js';
import type { ApplyEvent, ApplyListener } from '../apply/index.js';
import { print, printErr } from './output.js';

/**
 * Apply's progress. Every finished phase is one line on stdout (a log that reads the same in CI).
 * On a terminal, stderr also carries one live line (migration i of n, step, elapsed time) that is
 * rewritten in place; off a terminal it stays silent, so CI logs hold only whole lines.
 */
export function applyProgress(stream: NodeJS.WriteStream = process.stderr): ApplyListener {
  const live = Boolean(stream.isTTY);
  const started = Date.now();
  let shown = false;
  let partStarted = started;
  const clear = (): void => {
    if (live && shown) stream.write('\r\x1b[2K');
    shown = false;
  };
  const show = (text: string): void => {
    if (!live) return;
    stream.write(`\r\x1b[2K${text} (${formatMs(Date.now() - started)})`);
    shown = true;
  };
  return (e: ApplyEvent) => {
    const head = `[${e.at.index + 1}/${e.at.total}] ${e.at.item.file}`;
    switch (e.type) {
      case 'phase-start':
      case 'part-executed':
      case 'part-done':
        return;
      case 'part-start':
        partStarted = Date.now();
        return show(`${head}: step ${e.part + 1} of ${e.at.item.parts.length} (line ${e.line})`);
      case 'batch':
        return show(`${head}: step ${e.part + 1}, ${batchProgress(e.done, e.total, Date.now() - partStarted)}`);
      case 'retry':
        clear();
        return printErr(`${head}: step ${e.part + 1} hit lock_timeout; retry ${e.attempt} in ${formatMs(e.delayMs)}`);
      case 'note':
        clear();
        return printErr(`${head}: step ${e.part + 1}: ${e.message}`);
      case 'phase-done':
        clear();
        return print(`applied ${e.at.item.file} in ${formatMs(e.durationMs)}`);
      default: {
        const never: never = e;
        return never;
      }
    }
  };
}

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/**
 * A backfill's progress: rows so far, of the table's estimated rows when known, the rate, and the
 * time left at that rate. The estimate is the planner's, so the share is shown as approximate.
 */
export function batchProgress(done: number, total: number | null, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const of = total !== null && total > 0 ? ` of ~${count(total)} (${Math.min(100, Math.floor((done * 100) / total))}%)` : '';
  const left = total !== null && rate > 0 && total > done ? `, about ${formatMs(((total - done) / rate) * 1000)} left` : '';
  return `${count(done)} rows${of}, ${count(rate)} rows/s${left}`;
}

export function lockWaitMessage(holder: number | null): void {
  printErr(`Waiting for the migration lock: another pgtide process${holder === null ? '' : ` (server pid ${holder})`} is applying migrations to this database…`);
}

/** verify's live line on a terminal (migration i of n, elapsed); nothing off a terminal. */
export function verifyProgress(stream: NodeJS.WriteStream = process.stderr): { onMigration: (i: number, total: number, label: string) => void; done: () => void } {
  const started = Date.now();
  const live = Boolean(stream.isTTY);
  return {
    onMigration: (i, total, label) => {
      if (live) stream.write(`\r\x1b[2K[${i + 1}/${total}] verifying ${label} (${formatMs(Date.now() - started)})`);
    },
    done: () => {
      if (live) stream.write('\r\x1b[2K');
    },
  };
}
