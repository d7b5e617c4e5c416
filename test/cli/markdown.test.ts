import { describe, expect, it } from 'vitest';
import { markdownReport } from '../../src/cli/report.js';

/** The cells of a markdown table row: split on the pipes that are not escaped. */
const cells = (row: string): string[] => row.split(/(?<!\\)\|/).slice(1, -1);

describe('markdown from names', () => {
  it('a report’s cells keep a name’s backtick, pipe and HTML as text', () => {
    const md = markdownReport('pgtide status', 'History of `db` | ok', [
      { level: 'error', title: 'history: edited', message: 'migration a|b`c</details> was edited', file: 'db/mig`ra|tions/x.sql' },
    ]);
    const lines = md.split('\n');
    expect(lines[2]).toBe('History of \\`db\\` \\| ok');
    const row = lines.find((l) => l.startsWith('| ❌'))!;
    expect(cells(row)).toEqual([' ❌ ', ' history: edited ', ' ``db/mig`ra\\|tions/x.sql`` ', ' migration a\\|b\\`c\\</details\\> was edited ']);
  });

  it('escapes what opens markup, leaves an underscore inside a word alone', async () => {
    const { mdCode, mdFence, mdText } = await import('../../src/cli/markdown.js');
    expect(mdText('users_email_idx _x_ *y* [l](u) a&lt;b')).toBe('users_email_idx \\_x\\_ \\*y\\* \\[l\\](u) a&amp;lt;b');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`a')).toBe('`` `a ``');
    expect(mdFence('x ```` y', 'sql')).toBe('`````sql\nx ```` y\n`````');
  });
});
