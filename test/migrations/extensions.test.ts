import { describe, expect, it } from 'vitest';
import { createdExtensions } from '../../src/migrations/extensions.js';

describe('createdExtensions', () => {
  it('finds the extensions a script creates, in any spelling', () => {
    const sql = [
      'CREATE EXTENSION citext;',
      'create extension if not exists "uuid-ossp" with schema public;',
      '-- CREATE EXTENSION hstore;',
      "SELECT 'CREATE EXTENSION ltree';",
      'CREATE  /* c */ EXTENSION PG_TRGM;',
      'CREATE TABLE extension (id int);',
    ].join('\n');
    expect(createdExtensions(sql)).toEqual(['citext', 'uuid-ossp', 'pg_trgm']);
  });

  it('finds none in a script without CREATE EXTENSION', () => {
    expect(createdExtensions('CREATE TABLE t (a int); DROP EXTENSION citext;')).toEqual([]);
  });
});
