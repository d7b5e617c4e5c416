-- 20261122T032119Z initial_schema: down (reverses expand and migrate while contract has not run)

-- undo: create table public.users
COMMENT ON COLUMN public.users.deleted_at IS NULL;

-- undo: create table public.posts
COMMENT ON TABLE public.posts IS NULL;

-- undo: create table public.post_tags
COMMENT ON TABLE public.post_tags IS NULL;

-- undo: create table public.accounts
COMMENT ON COLUMN public.accounts.slug IS NULL;

-- undo: create table public.accounts
COMMENT ON TABLE public.accounts IS NULL;

-- undo: create enum public.account_plan
COMMENT ON TYPE public.account_plan IS NULL;

-- undo: create schema audit
COMMENT ON SCHEMA audit IS NULL;

-- undo: create index public.users_email_live_key
DROP INDEX public.users_email_live_key;

-- undo: create index public.users_account_id_idx
DROP INDEX public.users_account_id_idx;

-- undo: create index public.tags_name_idx
DROP INDEX public.tags_name_idx;

-- undo: create index public.posts_published_idx
DROP INDEX public.posts_published_idx;

-- undo: create index public.posts_metadata_idx
DROP INDEX public.posts_metadata_idx;

-- undo: create index public.posts_author_id_created_at_idx
DROP INDEX public.posts_author_id_created_at_idx;

-- undo: create index public.post_tags_tag_id_idx
DROP INDEX public.post_tags_tag_id_idx;

-- undo: create index public.comments_post_id_created_at_idx
DROP INDEX public.comments_post_id_created_at_idx;

-- undo: create index audit.events_occurred_at_idx
DROP INDEX audit.events_occurred_at_idx;

-- undo: create index audit.events_account_id_occurred_at_idx
DROP INDEX audit.events_account_id_occurred_at_idx;

-- undo: create constraint users_account_id_fkey on public.users
ALTER TABLE public.users DROP CONSTRAINT users_account_id_fkey;

-- undo: create constraint posts_author_id_fkey on public.posts
ALTER TABLE public.posts DROP CONSTRAINT posts_author_id_fkey;

-- undo: create constraint posts_account_id_fkey on public.posts
ALTER TABLE public.posts DROP CONSTRAINT posts_account_id_fkey;

-- undo: create constraint post_tags_tag_id_fkey on public.post_tags
ALTER TABLE public.post_tags DROP CONSTRAINT post_tags_tag_id_fkey;

-- undo: create constraint post_tags_post_id_fkey on public.post_tags
ALTER TABLE public.post_tags DROP CONSTRAINT post_tags_post_id_fkey;

-- undo: create constraint comments_post_id_fkey on public.comments
ALTER TABLE public.comments DROP CONSTRAINT comments_post_id_fkey;

-- undo: create constraint comments_parent_id_fkey on public.comments
ALTER TABLE public.comments DROP CONSTRAINT comments_parent_id_fkey;

-- undo: create constraint comments_author_id_fkey on public.comments
ALTER TABLE public.comments DROP CONSTRAINT comments_author_id_fkey;

-- undo: create constraint events_actor_id_fkey on audit.events
ALTER TABLE audit.events DROP CONSTRAINT events_actor_id_fkey;

-- undo: create constraint events_account_id_fkey on audit.events
ALTER TABLE audit.events DROP CONSTRAINT events_account_id_fkey;

-- undo: create constraint users_pkey on public.users
ALTER TABLE public.users DROP CONSTRAINT users_pkey;

-- undo: create constraint users_email_check on public.users
ALTER TABLE public.users DROP CONSTRAINT users_email_check;

-- undo: create constraint tags_slug_key on public.tags
ALTER TABLE public.tags DROP CONSTRAINT tags_slug_key;

-- undo: create constraint tags_pkey on public.tags
ALTER TABLE public.tags DROP CONSTRAINT tags_pkey;

-- undo: create constraint posts_title_check on public.posts
ALTER TABLE public.posts DROP CONSTRAINT posts_title_check;

-- undo: create constraint posts_published_has_date on public.posts
ALTER TABLE public.posts DROP CONSTRAINT posts_published_has_date;

-- undo: create constraint posts_pkey on public.posts
ALTER TABLE public.posts DROP CONSTRAINT posts_pkey;

-- undo: create constraint post_tags_pkey on public.post_tags
ALTER TABLE public.post_tags DROP CONSTRAINT post_tags_pkey;

-- undo: create constraint comments_pkey on public.comments
ALTER TABLE public.comments DROP CONSTRAINT comments_pkey;

-- undo: create constraint comments_body_check on public.comments
ALTER TABLE public.comments DROP CONSTRAINT comments_body_check;

-- undo: create constraint accounts_slug_key on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_slug_key;

-- undo: create constraint accounts_slug_format on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_slug_format;

-- undo: create constraint accounts_pkey on public.accounts
ALTER TABLE public.accounts DROP CONSTRAINT accounts_pkey;

-- undo: create constraint events_pkey on audit.events
ALTER TABLE audit.events DROP CONSTRAINT events_pkey;

-- undo: create table public.users
DROP TABLE public.users;

-- undo: create table public.tags
DROP TABLE public.tags;

-- undo: create table public.posts
DROP TABLE public.posts;

-- undo: create table public.post_tags
DROP TABLE public.post_tags;

-- undo: create table public.comments
DROP TABLE public.comments;

-- undo: create table public.accounts
DROP TABLE public.accounts;

-- undo: create table audit.events
DROP TABLE audit.events;

-- undo: create enum public.user_role
DROP TYPE public.user_role;

-- undo: create enum public.post_status
DROP TYPE public.post_status;

-- undo: create enum public.account_plan
DROP TYPE public.account_plan;

-- undo: create schema audit
DROP SCHEMA audit;
