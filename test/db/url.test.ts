import { describe, expect, it } from 'vitest';
import { isPgtideError } from '../../src/errors.js';
import { classifySource, redactSecrets, redactUrl, requireDatabase, sourceDisplayName } from '../../src/db/url.js';
import { MALFORMED, NOT_A_DATABASE, SECRET, secretPieces } from '../security/malformed-sources.js';

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
  it('recognises the database engines and parses each source once into its parts', () => {
    const pg = classifySource('postgres://u@h/db');
    expect(pg).toMatchObject({ type: 'postgres', url: 'postgres://u@h/db', display: 'postgres://u@h/db' });
    expect(pg?.type === 'postgres' && pg.parts).toEqual({ form: 'url', user: 'u', password: null, host: 'h', port: null, database: 'db', params: [] });
    expect(classifySource('postgresql://u@h/db')).toMatchObject({ type: 'postgres', url: 'postgresql://u@h/db' });
    expect(classifySource('pglite:memory')).toEqual({ type: 'pglite-memory' });
    expect(classifySource('pglite:.pgtide/dev')).toEqual({ type: 'pglite-dir', dir: '.pgtide/dev' });
    expect(classifySource('pglite:/abs/data')).toEqual({ type: 'pglite-dir', dir: '/abs/data' });
    expect(classifySource('pglite:file:///abs/my%20data')).toEqual({ type: 'pglite-dir', dir: '/abs/my data' });
  });

  it('returns null for sources that are not database engines', () => {
    for (const s of ['schema.sql', 'schema/', 'schema/index.ts', 'migrations:generated/migrations', 'migrations:a=b']) {
      expect(classifySource(s)).toBeNull();
    }
  });

  it('prints sources without secrets', () => {
    const src = classifySource('postgres://u:pw@h/db');
    expect(src && sourceDisplayName(src)).toBe('postgres://u:***@h/db');
    const query = classifySource('postgres://h/db?user=u&password=pw&sslmode=require');
    expect(query && sourceDisplayName(query)).toBe('postgres://h/db?user=u&password=***&sslmode=require');
    expect(sourceDisplayName({ type: 'pglite-dir', dir: 'd' })).toBe('pglite:d');
  });

  it('reads a percent-encoded password holding "#", "/", "@" and "%" as the password', () => {
    const src = classifySource('postgres://u:p%23a%2Fb%40c%25d@127.0.0.1:5432/db');
    expect(src).toMatchObject({ type: 'postgres', display: 'postgres://u:***@127.0.0.1:5432/db' });
    expect(src?.type === 'postgres' && src.parts).toMatchObject({ user: 'u', password: 'p#a/b@c%d', host: '127.0.0.1', port: 5432, database: 'db' });
  });

  it('keeps accepting an unescaped "@" in the password (the last "@" ends the userinfo) and IPv6 hosts', () => {
    const src = classifySource('postgres://u:p@ss@[::1]:6543/db?application_name=a@b');
    expect(src).toMatchObject({ type: 'postgres', display: 'postgres://u:***@[::1]:6543/db?application_name=a@b' });
    expect(src?.type === 'postgres' && src.parts).toMatchObject({ password: 'p@ss', host: '::1', port: 6543 });
  });

  it('parses libpq keyword/value strings, quoted values and escapes included, into a URL for pg', () => {
    const src = classifySource(`host=127.0.0.1 port = 5432 user=app password='a b\\'c/#' dbname=my_db sslmode=disable`);
    expect(src?.type).toBe('postgres');
    if (src?.type !== 'postgres') return;
    expect(src.parts).toEqual({ form: 'keywords', user: 'app', password: "a b'c/#", host: '127.0.0.1', port: 5432, database: 'my_db', params: [['sslmode', 'disable']] });
    expect(src.display).toBe('postgres://app:***@127.0.0.1:5432/my_db?sslmode=disable');
    const url = new URL(src.url);
    expect(decodeURIComponent(url.password)).toBe("a b'c/#");
    const socket = classifySource('host=/var/run/postgresql dbname=app');
    expect(socket?.type === 'postgres' && socket.url).toBe('postgres://%2Fvar%2Frun%2Fpostgresql/app');
  });
});

describe('a database source that does not parse', () => {
  it(`is refused with exit 2, naming the part that is wrong, and never echoed (${MALFORMED.length} shapes)`, () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(20);
    for (const { source, names } of MALFORMED) {
      let thrown: unknown;
      try {
        classifySource(source, '--database');
      } catch (err) {
        thrown = err;
      }
      expect(isPgtideError(thrown), source).toBe(true);
      if (!isPgtideError(thrown)) continue;
      expect(thrown.exitCode, source).toBe(2);
      expect(thrown.message, source).toMatch(/^--database is not a database source pgtide can use: /);
      expect(thrown.message, source).toMatch(names);
      for (const piece of secretPieces()) expect(thrown.message, source).not.toContain(piece);
    }
  });

  it('is refused without echo where only a database will do, even when it is no database at all', () => {
    for (const source of NOT_A_DATABASE) {
      expect(classifySource(source)).toBeNull();
      expect(() => requireDatabase(source, 'DATABASE_URL')).toThrow(/^DATABASE_URL is not a database source: /);
      try {
        requireDatabase(source, 'DATABASE_URL');
      } catch (err) {
        for (const piece of secretPieces()) expect((err as Error).message).not.toContain(piece);
      }
    }
  });
});

describe('redactSecrets (stderr, --debug stacks)', () => {
  it('hides the password of every shape, also when the source did not parse', () => {
    const texts = [
      ...MALFORMED.map((m) => m.source),
      `Error: failed for "postgres://alice:ab ${SECRET}@db.example/app"\n    at connect (file:///x/node_modules/@scope/pkg/index.js:1:2)`,
      `host=h password = '${SECRET} b\\' c' dbname=x`,
      `PGPASSWORD=${SECRET} psql`,
      `postgres://h/db?user=a&password=${SECRET}&x=1`,
    ];
    for (const text of texts) {
      const out = redactSecrets(text);
      for (const piece of secretPieces()) expect(out, text).not.toContain(piece);
    }
  });

  it('leaves text without passwords alone, including stack frames of scoped packages', () => {
    const text = 'Could not connect to postgres://u:***@h:5432/db: role "x@y" does not exist\n    at f (file:///w/node_modules/@electric-sql/pglite/dist/index.js:3:4)';
    expect(redactSecrets(text)).toBe(text);
  });
});
