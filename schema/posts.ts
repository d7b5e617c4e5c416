import { bigint, check, index, integer, jsonb, primaryKey, sql, table, text, timestamptz, varchar, type AnyTableColumn } from 'pgtide';
import { accounts, users } from './accounts.js';
import { postStatus } from './enums.js';

export const posts = table(
  'posts',
  {
    id: bigint().identity().primaryKey(),
    account_id: bigint()
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    author_id: bigint()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    title: text().notNull().check(sql`char_length(title) BETWEEN 1 AND 200`),
    body: text().notNull().default(''),
    status: postStatus().notNull().default('draft'),
    metadata: jsonb(),
    published_at: timestamptz(),
    created_at: timestamptz().notNull().defaultNow(),
    updated_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    check('posts_published_has_date', sql`status <> 'published' OR published_at IS NOT NULL`),
    index().on(t.author_id, t.created_at.desc()),
    index('posts_published_idx').on(t.account_id, t.published_at.desc()).where(sql`status = 'published'`),
    index().on(t.metadata).using('gin'),
  ],
).comment('Articles written by users.');

export const comments = table(
  'comments',
  {
    id: bigint().identity().primaryKey(),
    post_id: bigint()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    author_id: bigint().references(() => users.id, { onDelete: 'set null' }),
    // The annotation breaks the type-inference cycle of a table that refers to itself.
    parent_id: bigint().references((): AnyTableColumn => comments.id, { onDelete: 'cascade' }),
    body: text().notNull().check(sql`char_length(body) > 0`),
    created_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [index().on(t.post_id, t.created_at)],
);

export const tags = table(
  'tags',
  {
    id: integer().identity('by-default').primaryKey(),
    name: varchar(50).notNull(),
    slug: varchar(50).notNull().unique(),
  },
  (t) => [index().on(t.name.opclass('text_pattern_ops'))],
);

export const postTags = table(
  'post_tags',
  {
    post_id: bigint()
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tag_id: integer()
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    tagged_at: timestamptz().notNull().defaultNow(),
  },
  (t) => [primaryKey(t.post_id, t.tag_id), index().on(t.tag_id)],
).comment('Which tags a post carries.');
