import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, defineConfig, SchemaError, type PgtideConfig } from '../../src/dsl/index.js';
import { isPgtideError } from '../../src/errors.js';
import { thrown } from './helpers.js';

describe('declaration sites', () => {
  it('errors point at the line in the schema module that declared the object', async () => {
    const file = fileURLToPath(new URL('./fixtures/bad-schema.ts', import.meta.url));
    const exports = (await import('./fixtures/bad-schema.js')) as Record<string, unknown>;
    const err = thrown(() => compile([{ file: 'fixtures/bad-schema.ts', exports }])) as SchemaError;
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.file).toBe(file);
    expect(err.line).toBe(6);
    expect(err.object).toBe('public.broken.id');
  });
});

describe('defineConfig', () => {
  it('returns the config as given', () => {
    const config: PgtideConfig = {
      schema: ['./schema/index.ts', './schema/*.sql'],
      migrations: './generated/migrations',
      database: 'pglite:.pgtide/dev',
      schemas: ['public', 'audit'],
      lockTimeout: '5s',
      statementTimeout: 60_000,
      lockRetries: 3,
      batchSize: 1000,
      columnOrder: 'exact',
      types: { output: './generated/types.ts', jsonSchema: './generated/schema.json' },
    };
    expect(defineConfig(config)).toBe(config);
    expect(defineConfig({ schema: './schema' })).toEqual({ schema: './schema' });
  });

  it.each([
    [{ schema: [] }, '"schema" must be a path or a non-empty list of paths'],
    [{ schema: 3 }, '"schema" must be a path or a non-empty list of paths'],
    [{ schema: 's', migrations: '' }, '"migrations" must be a non-empty string'],
    [{ schema: 's', lockTimeout: '5 seconds' }, `"lockTimeout" must be a number of milliseconds or a duration such as '5s', got "5 seconds"`],
    [{ schema: 's', statementTimeout: -1 }, '"statementTimeout" must be a number of milliseconds'],
    [{ schema: 's', batchSize: 0 }, '"batchSize" must be an integer of at least 1, got 0'],
    [{ schema: 's', schemas: 'public' }, '"schemas" must be a list of schema names'],
    [{ schema: 's', columnOrder: 'strict' }, `"columnOrder" must be 'append' or 'exact', got "strict"`],
    [{ schema: 's', lockTimout: '5s' }, '"lockTimout" is not a pgtide setting (did you mean "lockTimeout"?)'],
    [{ schema: 's', types: { jsonschema: 'x' } }, '"types.jsonschema" is not a pgtide setting (did you mean "types.jsonSchema"?)'],
  ])('rejects %j with exit 2 at the line that declared it', (config, message) => {
    const err = thrown(() => defineConfig(config as unknown as PgtideConfig));
    expect(isPgtideError(err) && err.exitCode).toBe(2);
    expect(err.message).toContain(message);
    expect(err.message).toMatch(/config-and-location\.test\.ts:\d+: /);
  });
});
