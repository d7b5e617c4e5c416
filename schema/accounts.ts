import { bigint, check, index, jsonb, sql, table, text, timestamptz, varchar } from 'pgtide';
import { accountPlan, userRole } from './enums.js';

export const accounts = table(
  'accounts',
  {
    id: bigint().identity().primaryKey(),
    name: text().notNull(),
    slug: varchar(63).notNull().unique().comment('URL-safe handle, e.g. acme-inc.'),
    plan: accountPlan().notNull().default('free'),
    settings: jsonb().notNull().default({}),
    created_at: timestamptz().notNull().defaultNow(),
  },
  () => [check('accounts_slug_format', sql`slug ~ '^[a-z0-9-]+$'`)],
).comment('A customer organisation; every other row belongs to one.');

export const users = table(
  'users',
  {
    id: bigint().identity().primaryKey(),
    account_id: bigint()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    email: text().notNull().check(sql`position('@' in email) > 1`),
    display_name: varchar(100).notNull(),
    role: userRole().notNull().default('member'),
    last_seen_at: timestamptz(),
    deleted_at: timestamptz().comment('Soft delete: set instead of deleting the row.'),
    created_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    // One live user per e-mail address, compared case-insensitively; deleted users free the address.
    index('users_email_live_key').on(sql`lower(email)`).unique().where(sql`deleted_at IS NULL`),
    index().on(t.account_id),
  ],
);
