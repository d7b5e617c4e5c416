import { describe, expect, it } from 'vitest';
import { comparablePrivileges } from '../../src/introspect/privileges.js';
import type { GrantTarget } from '../../src/model/types.js';

const publicSchema: GrantTarget = { on: 'schema', name: 'public' };

describe('PUBLIC on schema public across server versions', () => {
  it('reads an older server\'s own default (CREATE and USAGE) as what a new database holds today', () => {
    expect(comparablePrivileges(publicSchema, 'public', ['CREATE', 'USAGE'], [], 140000)).toEqual(['USAGE']);
  });

  it('keeps CREATE granted on PostgreSQL 15 and later, and every other grant as read', () => {
    expect(comparablePrivileges(publicSchema, 'public', ['CREATE', 'USAGE'], [], 150000)).toEqual(['CREATE', 'USAGE']);
    expect(comparablePrivileges(publicSchema, 'public', ['USAGE'], [], 140000)).toEqual(['USAGE']);
    expect(comparablePrivileges(publicSchema, 'reader', ['CREATE', 'USAGE'], [], 140000)).toEqual(['CREATE', 'USAGE']);
    expect(comparablePrivileges({ on: 'schema', name: 'app' }, 'public', ['CREATE', 'USAGE'], [], 140000)).toEqual(['CREATE', 'USAGE']);
    expect(comparablePrivileges(publicSchema, 'public', ['CREATE', 'USAGE'], ['CREATE'], 140000)).toEqual(['CREATE', 'USAGE']);
  });
});
