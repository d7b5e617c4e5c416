/* Written by `pgtide types` from generated/schema.json. Do not edit: run `pgtide types` again. */

/**
 * Billing plan of an account.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "AccountPlan".
 */
export type AccountPlan = "free" | "team" | "enterprise";
/**
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "PostStatus".
 */
export type PostStatus = "draft" | "published" | "archived";
/**
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "UserRole".
 */
export type UserRole = "owner" | "admin" | "member";

/**
 * Row types of every table, by schema-qualified name. Written by `pgtide types`.
 */
export interface Database {
  "audit.events": AuditEvents;
  "public.accounts": Accounts;
  "public.comments": Comments;
  "public.post_tags": PostTags;
  "public.posts": Posts;
  "public.tags": Tags;
  "public.users": Users;
}
/**
 * A row of audit.events.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "AuditEvents".
 */
export interface AuditEvents {
  id: string;
  account_id: string;
  actor_id: string | null;
  action: string;
  payload: unknown;
  ip: string | null;
  occurred_at: string;
}
/**
 * A row of public.accounts: A customer organisation; every other row belongs to one.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "Accounts".
 */
export interface Accounts {
  id: string;
  name: string;
  /**
   * URL-safe handle, e.g. acme-inc.
   */
  slug: string;
  plan: AccountPlan;
  settings: unknown;
  created_at: string;
}
/**
 * A row of public.comments.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "Comments".
 */
export interface Comments {
  id: string;
  post_id: string;
  author_id: string | null;
  parent_id: string | null;
  body: string;
  created_at: string;
}
/**
 * A row of public.post_tags: Which tags a post carries.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "PostTags".
 */
export interface PostTags {
  post_id: string;
  tag_id: number;
  tagged_at: string;
}
/**
 * A row of public.posts: Articles written by users.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "Posts".
 */
export interface Posts {
  id: string;
  account_id: string;
  author_id: string;
  title: string;
  body: string;
  status: PostStatus;
  metadata: unknown;
  published_at: string | null;
  created_at: string;
  updated_at: string;
}
/**
 * A row of public.tags.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "Tags".
 */
export interface Tags {
  id: number;
  name: string;
  slug: string;
}
/**
 * A row of public.users.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "Users".
 */
export interface Users {
  id: string;
  account_id: string;
  email: string;
  display_name: string;
  role: UserRole;
  last_seen_at: string | null;
  /**
   * Soft delete: set instead of deleting the row.
   */
  deleted_at: string | null;
  created_at: string;
}
/**
 * A row to insert into audit.events.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "AuditEventsInsert".
 */
export interface AuditEventsInsert {
  id?: string;
  account_id: string;
  actor_id?: string | null;
  action: string;
  payload?: unknown;
  ip?: string | null;
  occurred_at?: string;
}
/**
 * A row to insert into public.accounts: A customer organisation; every other row belongs to one.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "AccountsInsert".
 */
export interface AccountsInsert {
  id?: string;
  name: string;
  /**
   * URL-safe handle, e.g. acme-inc.
   */
  slug: string;
  plan?: AccountPlan;
  settings?: unknown;
  created_at?: string;
}
/**
 * A row to insert into public.comments.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "CommentsInsert".
 */
export interface CommentsInsert {
  id?: string;
  post_id: string;
  author_id?: string | null;
  parent_id?: string | null;
  body: string;
  created_at?: string;
}
/**
 * A row to insert into public.post_tags: Which tags a post carries.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "PostTagsInsert".
 */
export interface PostTagsInsert {
  post_id: string;
  tag_id: number;
  tagged_at?: string;
}
/**
 * A row to insert into public.posts: Articles written by users.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "PostsInsert".
 */
export interface PostsInsert {
  id?: string;
  account_id: string;
  author_id: string;
  title: string;
  body?: string;
  status?: PostStatus;
  metadata?: unknown;
  published_at?: string | null;
  created_at?: string;
  updated_at?: string;
}
/**
 * A row to insert into public.tags.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "TagsInsert".
 */
export interface TagsInsert {
  id?: number;
  name: string;
  slug: string;
}
/**
 * A row to insert into public.users.
 *
 * This interface was referenced by `Database`'s JSON-Schema
 * via the `definition` "UsersInsert".
 */
export interface UsersInsert {
  id?: string;
  account_id: string;
  email: string;
  display_name: string;
  role?: UserRole;
  last_seen_at?: string | null;
  /**
   * Soft delete: set instead of deleting the row.
   */
  deleted_at?: string | null;
  created_at?: string;
}
