import type { Constraint, FkAction } from '../model/types.js';
import type { QName } from '../plan/ops.js';
import { quoteIdent, quoteQualified } from './ident.js';
import type { Renderers } from './render-types.js';

const q = (n: QName): string => quoteQualified(n.schema, n.name);
const columnList = (cols: readonly string[]): string => `(${cols.map(quoteIdent).join(', ')})`;

const FK_ACTIONS: { readonly [A in FkAction]: string } = {
  'no action': 'NO ACTION',
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

/** The constraint body after `CONSTRAINT name`. */
export function renderConstraintBody(c: Constraint): string {
  switch (c.type) {
    case 'primary-key':
      return `PRIMARY KEY ${columnList(c.columns)}`;
    case 'unique':
      return `UNIQUE${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''} ${columnList(c.columns)}`;
    case 'foreign-key': {
      const ref = `${quoteQualified(c.references.schema, c.references.table)} ${columnList(c.references.columns)}`;
      const match = c.match === 'full' ? ' MATCH FULL' : '';
      return `FOREIGN KEY ${columnList(c.columns)} REFERENCES ${ref}${match} ON UPDATE ${FK_ACTIONS[c.onUpdate]} ON DELETE ${FK_ACTIONS[c.onDelete]}`;
    }
    case 'check':
      return `CHECK (${c.expression})${c.noInherit ? ' NO INHERIT' : ''}`;
    case 'exclusion':
      return `EXCLUDE ${c.definition}`;
    default: {
      const never: never = c;
      throw new Error(`unknown constraint ${JSON.stringify(never)}`);
    }
  }
}

function deferral(c: Constraint): string {
  if (!c.deferrable) return '';
  return c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : ' DEFERRABLE';
}

export const constraintRenderers: Renderers<'add-constraint' | 'validate-constraint' | 'drop-constraint' | 'rename-constraint'> = {
  'add-constraint': (op) => {
    const c = op.constraint;
    // a constraint the model holds as NOT VALID is added so wherever it is added (a re-creation, a reverse)
    const notValid = op.notValid || ((c.type === 'check' || c.type === 'foreign-key') && c.notValid) ? ' NOT VALID' : '';
    return `ALTER TABLE ${op.only ? 'ONLY ' : ''}${quoteQualified(c.schema, c.table)} ADD CONSTRAINT ${quoteIdent(c.name)} ${renderConstraintBody(c)}${deferral(c)}${notValid}`;
  },
  'validate-constraint': (op) => `ALTER TABLE ${q(op.table)} VALIDATE CONSTRAINT ${quoteIdent(op.name)}`,
  'drop-constraint': (op) => `ALTER TABLE ${q(op.table)} DROP CONSTRAINT ${quoteIdent(op.name)}`,
  'rename-constraint': (op) => `ALTER TABLE ${q(op.table)} RENAME CONSTRAINT ${quoteIdent(op.name)} TO ${quoteIdent(op.newName)}`,
};
