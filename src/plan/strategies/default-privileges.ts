import type { AlterChange, CreateChange, DropChange } from '../../diff/change.js';
import { builtinDefaultPrivileges } from '../../model/server-defaults.js';
import type { DefaultPrivilege } from '../../model/types.js';
import { place, type Placed } from '../build.js';
import { op, type DefaultGrantFields } from '../ops.js';

type Source = CreateChange<'default-privileges'> | DropChange<'default-privileges'> | AlterChange<'default-privileges'>;

/** What a grantee holds by default: a list, or everything (a built-in default, see server-defaults.ts). */
interface Held {
  readonly privileges: readonly string[] | 'ALL';
  readonly grantable: readonly string[];
}

const minus = (a: readonly string[], b: readonly string[]): string[] => a.filter((x) => !b.includes(x));

/**
 * What the grantee holds when the model has no object for it: for one schema nothing, for every
 * schema the built-in default the server keeps when no entry changes it.
 */
function absent(p: DefaultPrivilege): Held {
  const builtin = p.schema === null ? builtinDefaultPrivileges(p.objectType, p.role, p.grantee) : 'none';
  return { privileges: builtin === 'all' ? 'ALL' : [], grantable: [] };
}

const held = (p: DefaultPrivilege): Held => ({ privileges: p.privileges, grantable: p.grantable });

/**
 * Taken away first, before anything in the migration creates an object that would receive them;
 * given last (contract), after every object it creates, so that those hold exactly the grants the
 * schema declares. Default privileges act only on objects created later, so neither step changes
 * what anyone can do with an existing object: no hazard.
 */
function steps(source: Source, p: DefaultPrivilege, from: Held, to: Held): Placed[] {
  const out: Placed[] = [];
  const fields = (privileges: readonly string[] | 'ALL', grantOption: boolean): DefaultGrantFields =>
    ({ role: p.role, schema: p.schema, objectType: p.objectType, grantee: p.grantee, privileges, grantOption });
  const revoke = (privileges: readonly string[] | 'ALL', grantOption: boolean): void => {
    if (privileges !== 'ALL' && privileges.length === 0) return;
    const f = fields(privileges, grantOption);
    out.push(place('revoke-default-privileges', source, op('revoke-default-privileges', f), { reverse: op('grant-default-privileges', f) }));
  };
  const grant = (privileges: readonly string[] | 'ALL', grantOption: boolean): void => {
    if (privileges !== 'ALL' && privileges.length === 0) return;
    const f = fields(privileges, grantOption);
    out.push(place('grant-default-privileges', source, op('grant-default-privileges', f), { reverse: op('revoke-default-privileges', f) }));
  };
  if (from.privileges === 'ALL' && to.privileges === 'ALL') return out;
  if (from.privileges === 'ALL' && to.privileges !== 'ALL') {
    revoke('ALL', false);
    grant(minus(to.privileges, to.grantable), false);
    grant(to.grantable, true);
  } else if (to.privileges === 'ALL' && from.privileges !== 'ALL') {
    revoke(from.grantable, true);
    grant('ALL', false);
  } else if (from.privileges !== 'ALL' && to.privileges !== 'ALL') {
    revoke(minus(from.grantable, to.grantable).filter((x) => to.privileges.includes(x)), true);
    revoke(minus(from.privileges, to.privileges), false);
    grant(minus(minus(to.privileges, from.privileges), to.grantable), false);
    grant(minus(to.grantable, from.grantable), true);
  }
  return out;
}

export function createDefaultPrivileges(change: CreateChange<'default-privileges'>): Placed[] {
  return steps(change, change.to, absent(change.to), held(change.to));
}

export function dropDefaultPrivileges(change: DropChange<'default-privileges'>): Placed[] {
  return steps(change, change.from, held(change.from), absent(change.from));
}

export function alterDefaultPrivileges(change: AlterChange<'default-privileges'>): Placed[] {
  return steps(change, change.to, held(change.from), held(change.to));
}
