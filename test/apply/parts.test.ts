import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { fileParts, partLine, partStatements } from '../../src/apply/parts.js';
import { applyProgress, batchProgress } from '../../src/cli/progress.js';
import { MIXED } from './helpers.js';

describe('fileParts', () => {
  it('groups consecutive transactional statements and isolates no-transaction and batch statements', () => {
    const parts = fileParts(`${MIXED[1]!.files.expand}${MIXED[1]!.files.migrate}`, 'x.sql');
    expect(parts.map((p) => p.kind)).toEqual(['transaction', 'single', 'transaction', 'single', 'batch']);
    expect(parts.map(partLine)).toEqual([1, 4, 5, 8, 10]);
    expect(parts.map((p) => partStatements(p).length)).toEqual([2, 1, 2, 1, 1]);
    expect(parts[4]).toMatchObject({ kind: 'batch', size: 20 });
  });

  it('a file of comments only has no parts', () => {
    expect(fileParts('-- nothing to do\n', 'x.sql')).toEqual([]);
  });
});

describe('apply progress', () => {
  const item = { file: '20260102T000000Z_mixed/expand.sql', parts: fileParts(MIXED[1]!.files.expand!, 'x.sql') } as never;
  const at = { item, index: 0, total: 2 };

  it('rewrites one live line on a terminal, and prints whole lines for finished phases', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
    let live = '';
    tty.write = ((chunk: string) => ((live += chunk), true)) as typeof tty.write;
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const listen = applyProgress(tty);
      void listen({ type: 'part-start', at, part: 1, line: 4 });
      expect(live).toMatch(/^\r\x1b\[2K\[1\/2\] 20260102T000000Z_mixed\/expand\.sql: step 2 of 4 \(line 4\) \(\d+ ms\)$/);
      void listen({ type: 'phase-done', at, durationMs: 1200 });
      expect(live.endsWith('\r\x1b[2K')).toBe(true);
      expect(out).toHaveBeenCalledWith('applied 20260102T000000Z_mixed/expand.sql in 1.2 s\n');
    } finally {
      out.mockRestore();
    }
  });

  it('prints what apply did besides the statements (a dropped invalid index) as a whole line on stderr', () => {
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      void applyProgress(pipe)({ type: 'note', at, part: 1, message: 'the invalid index app.i left by an earlier run that did not finish was dropped; building it again' });
      expect(err).toHaveBeenCalledWith('[1/2] 20260102T000000Z_mixed/expand.sql: step 2: the invalid index app.i left by an earlier run that did not finish was dropped; building it again\n');
    } finally {
      err.mockRestore();
    }
  });

  it('shows a backfill as rows so far, share of the estimate, rate and time left', () => {
    expect(batchProgress(25_000, 100_000, 5000)).toBe('25,000 rows of ~100,000 (25%), 5,000 rows/s, about 15.0 s left');
    // Past the planner's estimate: no share over 100% and no negative time left.
    expect(batchProgress(120, 100, 1000)).toBe('120 rows of ~100 (100%), 120 rows/s');
    expect(batchProgress(300, null, 2000)).toBe('300 rows, 150 rows/s');
    expect(batchProgress(0, 0, 0)).toBe('0 rows, 0 rows/s');
  });

  it('writes nothing to a stream that is not a terminal', () => {
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    const write = vi.spyOn(pipe, 'write');
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const listen = applyProgress(pipe);
      void listen({ type: 'part-start', at, part: 0, line: 1 });
      void listen({ type: 'batch', at, part: 0, run: 3, rows: 20, done: 60, total: 100 });
      void listen({ type: 'phase-done', at, durationMs: 5 });
      expect(write).not.toHaveBeenCalled();
      expect(out).toHaveBeenCalledTimes(1);
    } finally {
      out.mockRestore();
    }
  });
});
