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
  const [was, will] = [from.privileges, to.privileges];
  if (was === 'ALL') {
    if (will === 'ALL') return out;
    // From a built-in default (which holds no grant option) to a list: all of it goes, the list comes.
    revoke('ALL', false);
    grant(minus(will, to.grantable), false);
    grant(to.grantable, true);
  } else if (will === 'ALL') {
    revoke(from.grantable, true);
    grant('ALL', false);
  } else {
    revoke(minus(from.grantable, to.grantable).filter((x) => will.includes(x)), true);
    revoke(minus(was, will), false);
    grant(minus(minus(will, was), to.grantable), false);
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
