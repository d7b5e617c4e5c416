import { describe, expect, it } from 'vitest';
import { classifySource, redactUrl, sourceDisplayName } from '../../src/db/url.js';

describe('redactUrl', () => {
  it('replaces the password of postgres:// and postgresql:// URLs', () => {
    expect(redactUrl('postgres://alice:s3cret@db.example:5432/app')).toBe('postgres://alice:***@db.example:5432/app');
    expect(redactUrl('postgresql://bob:pa%40ss@localhost/app?sslmode=require')).toBe(
      'postgresql://bob:***@localhost/app?sslmode=require',
    );
  });

  it('keeps URLs without a password unchanged', () => {
    expect(redactUrl('postgres://alice@localhost/app')).toBe('postgres://alice@localhost/app');
    expect(redactUrl('postgres://localhost:5432/app')).toBe('postgres://localhost:5432/app');
    expect(redactUrl('pglite:memory')).toBe('pglite:memory');
  });

  it('redacts an unescaped @ inside the password up to the last @ of the authority', () => {
    expect(redactUrl('postgres://u:p@ss@host/db')).toBe('postgres://u:***@host/db');
  });

  it('redacts every URL inside free text, including password query parameters', () => {
    const text =
      'connect to "postgres://a:one@h1/x" failed; fallback POSTGRESQL://b:two@h2/y also failed; ' +
      'postgres://h3/z?user=c&password=three&sslmode=disable';
    const out = redactUrl(text);
    expect(out).not.toMatch(/one|two|three/);
    expect(out).toBe(
      'connect to "postgres://a:***@h1/x" failed; fallback POSTGRESQL://b:***@h2/y also failed; ' +
        'postgres://h3/z?user=c&password=***&sslmode=disable',
    );
  });
});

describe('classifySource', () => {
  it('recognises the database engines', () => {
    expect(classifySource('postgres://u@h/db')).toEqual({ type: 'postgres', url: 'postgres://u@h/db' });
    expect(classifySource('postgresql://u@h/db')).toEqual({ type: 'postgres', url: 'postgresql://u@h/db' });
    expect(classifySource('pglite:memory')).toEqual({ type: 'pglite-memory' });
    expect(classifySource('pglite:.pgtide/dev')).toEqual({ type: 'pglite-dir', dir: '.pgtide/dev' });
    expect(classifySource('pglite:/abs/data')).toEqual({ type: 'pglite-dir', dir: '/abs/data' });
  });

  it('returns null for sources that are not database engines', () => {
    for (const s of ['schema.sql', 'schema/', 'schema/index.ts', 'migrations:generated/migrations', 'mysql://x']) {
      expect(classifySource(s)).toBeNull();
    }
  });

  it('prints sources without secrets', () => {
    const src = classifySource('postgres://u:pw@h/db');
    expect(src && sourceDisplayName(src)).toBe('postgres://u:***@h/db');
    expect(sourceDisplayName({ type: 'pglite-dir', dir: 'd' })).toBe('pglite:d');
  });
});
