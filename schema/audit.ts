import { bigint, index, inet, jsonb, schema, text, timestamptz } from 'pgtide';
import { accounts, users } from './accounts.js';

export const audit = schema('audit').comment('Append-only history of what users did.');

export const events = audit.table(
  'events',
  {
    id: bigint().identity().primaryKey(),
    account_id: bigint()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    actor_id: bigint().references(() => users.id, { onDelete: 'set null' }),
    action: text().notNull(),
    payload: jsonb().notNull().default({}),
    ip: inet(),
    occurred_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [index().on(t.occurred_at).using('brin'), index().on(t.account_id, t.occurred_at.desc())],
);
