import { describe, expect, it } from 'vitest';
import { activity } from '../../src/cli/activity.js';

/** A stream that records what is written, a terminal or not. */
function stream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const out: string[] = [];
  return { isTTY, write: (s: string) => out.push(s) > 0, text: () => out.join('') } as unknown as NodeJS.WriteStream & { text: () => string };
}

const TTY = { isTTY: true };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('the progress line of a long command', () => {
  it('appears on a terminal after half a second, names the current step, and is cleared', async () => {
    const s = stream(true);
    const a = activity('loading the project', { stream: s, result: TTY, env: {} });
    await sleep(200);
    expect(s.text()).toBe('');
    a.step('planning');
    await sleep(700);
    expect(s.text()).toContain('planning… (');
    a.done();
    expect(s.text().endsWith('\r\x1b[2K')).toBe(true);
    const after = s.text();
    await sleep(300);
    expect(s.text()).toBe(after);
  });

  it('writes nothing when stderr or stdout is not a terminal, or CI is set', async () => {
    const pipe = stream(false);
    const ci = stream(true);
    const a = activity('planning', { stream: pipe, result: TTY, env: {} });
    const b = activity('planning', { stream: ci, result: TTY, env: { CI: 'true' } });
    const redirected = stream(true);
    const c = activity('planning', { stream: redirected, result: { isTTY: false }, env: {} });
    await sleep(800);
    a.done();
    b.done();
    c.done();
    expect([pipe.text(), ci.text(), redirected.text()]).toEqual(['', '', '']);
  });

  it('writes nothing for a command that ends within half a second', async () => {
    const s = stream(true);
    const a = activity('planning', { stream: s, result: TTY, env: {} });
    await sleep(100);
    a.done();
    await sleep(600);
    expect(s.text()).toBe('');
  });
});
