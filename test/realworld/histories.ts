/**
 * The two migration histories of the suite, and the change each gets on top of its pulled schema:
 * a NOT NULL column with a backfill, a column rename with its hint, a new index, a dropped column and
 * a table rename, with rows in the tables and an old client writing through the old names between
 * the phases.
 */
import { renameTable, replaceOnce } from './helpers.js';

export interface Count {
  /** The table's name before the change, then after it. */
  readonly before: string;
  readonly after: string;
}

export interface History {
  readonly name: string;
  readonly from: 'prisma' | 'drizzle';
  /** The history's folder under ../shared/realworld. */
  readonly dir: readonly string[];
  readonly migrations: number;
  readonly tables: number;
  /** Rows written before the change. */
  readonly seed: readonly string[];
  /** Edits schema/public.ts as pulled. */
  readonly change: (publicTs: string) => string;
  /** The old application version, writing through the old names once expand has run… */
  readonly afterExpand: readonly string[];
  /** …and once migrate has. */
  readonly afterMigrate: readonly string[];
  /** The tables whose rows are counted before the change and after contract. */
  readonly counts: readonly Count[];
  /** Rows the old client inserts into each table (by its name after the change). */
  readonly inserted: Readonly<Record<string, number>>;
  /** Queries on the final schema and the value each must return. */
  readonly checks: readonly (readonly [string, unknown])[];
}

export const umami: History = {
  name: 'umami (Prisma)',
  from: 'prisma',
  dir: ['umami-prisma', 'migrations'],
  migrations: 19,
  tables: 17,
  seed: [
    `INSERT INTO website (website_id, name, domain, reset_at)
       SELECT gen_random_uuid(), 'site' || g, 'd' || g || '.example', now() FROM generate_series(1, 600) g`,
    `INSERT INTO segment (segment_id, website_id, type, name, parameters)
       SELECT gen_random_uuid(), gen_random_uuid(), 'filter', 'segment ' || g, '{}' FROM generate_series(1, 300) g`,
  ],
  change: (text) => {
    let t = replaceOnce(text, "import { boolean, ", "import { boolean, text, ");
    // domain → hostname, reset_at dropped.
    t = replaceOnce(t, '  domain: varchar(500),\n  reset_at: timestamptz(6),\n', "  hostname: varchar(500).renamedFrom('domain'),\n");
    t = replaceOnce(
      t,
      '  replay_config: jsonb(),\n}, (t) => [\n',
      "  replay_config: jsonb(),\n  plan: text().notNull().backfill(sql`'free'`),\n}, (t) => [\n  index('website_name_idx').on(t.name),\n",
    );
    return renameTable(t, 'segment', 'audience_segment');
  },
  afterExpand: [
    `INSERT INTO website (website_id, name, domain, reset_at) VALUES (gen_random_uuid(), 'old client 1', 'old1.example', now())`,
    `UPDATE website SET domain = 'edited.example' WHERE name = 'site1'`,
    `INSERT INTO segment (segment_id, website_id, type, name, parameters) VALUES (gen_random_uuid(), gen_random_uuid(), 'filter', 'old client 1', '{}')`,
    `UPDATE segment SET name = 'edited' WHERE name = 'segment 1'`,
  ],
  afterMigrate: [
    `INSERT INTO website (website_id, name, domain) VALUES (gen_random_uuid(), 'old client 2', 'old2.example')`,
    `INSERT INTO segment (segment_id, website_id, type, name, parameters) VALUES (gen_random_uuid(), gen_random_uuid(), 'filter', 'old client 2', '{}')`,
  ],
  counts: [
    { before: 'website', after: 'website' },
    { before: 'segment', after: 'audience_segment' },
  ],
  inserted: { website: 2, audience_segment: 2 },
  checks: [
    [`SELECT count(*)::int FROM website WHERE plan IS DISTINCT FROM 'free'`, 0],
    [`SELECT count(*)::int FROM website WHERE hostname IS NULL`, 0],
    [`SELECT hostname FROM website WHERE name = 'site1'`, 'edited.example'],
    [`SELECT hostname FROM website WHERE name = 'site2'`, 'd2.example'],
    [`SELECT hostname FROM website WHERE name = 'old client 1'`, 'old1.example'],
    [`SELECT hostname FROM website WHERE name = 'old client 2'`, 'old2.example'],
    [`SELECT count(*)::int FROM audience_segment WHERE name IN ('edited', 'old client 1', 'old client 2')`, 3],
  ],
};

export const dokploy: History = {
  name: 'Dokploy (drizzle-kit)',
  from: 'drizzle',
  dir: ['dokploy-drizzle', 'drizzle'],
  migrations: 186,
  tables: 67,
  seed: [
    `INSERT INTO "user" (id, "expirationDate", "createdAt", email, email_verified, updated_at)
       VALUES ('u1', '2099-01-01', '2024-01-01', 'owner@example.com', true, now())`,
    `INSERT INTO organization (id, name, created_at, owner_id) VALUES ('o1', 'Org', now(), 'u1')`,
    `INSERT INTO project ("projectId", name, description, "createdAt", "organizationId")
       SELECT 'p' || g, 'Project ' || g, 'about ' || g, '2024-01-01', 'o1' FROM generate_series(1, 600) g`,
    `INSERT INTO "ssh-key" ("sshKeyId", "publicKey", name, "createdAt", "organizationId")
       SELECT 'k' || g, 'ssh-ed25519 AAAA' || g, 'key ' || g, '2024-01-01', 'o1' FROM generate_series(1, 300) g`,
  ],
  change: (text) => {
    // description → summary, env dropped.
    let t = replaceOnce(
      text,
      "  description: text(),\n  createdAt: text().notNull(),\n  env: text().notNull().default(''),\n",
      "  summary: text().renamedFrom('description'),\n  createdAt: text().notNull(),\n  slug: text().notNull().backfill(sql`lower(replace(name, ' ', '-'))`),\n",
    );
    t = replaceOnce(t, "  index('idx_project_organization').on(t.organizationId),\n", "  index('idx_project_organization').on(t.organizationId),\n  index('project_name_idx').on(t.name),\n");
    return renameTable(t, 'ssh-key', 'ssh_key');
  },
  afterExpand: [
    `INSERT INTO project ("projectId", name, description, "createdAt", "organizationId", env)
       VALUES ('p-old-1', 'Old Client', 'from the old app', '2024-02-01', 'o1', 'A=1')`,
    `UPDATE project SET description = 'edited' WHERE "projectId" = 'p1'`,
    `INSERT INTO "ssh-key" ("sshKeyId", "publicKey", name, "createdAt", "organizationId") VALUES ('k-old-1', 'ssh-ed25519 B', 'old', '2024-02-01', 'o1')`,
    `UPDATE "ssh-key" SET name = 'edited' WHERE "sshKeyId" = 'k1'`,
  ],
  afterMigrate: [
    `INSERT INTO project ("projectId", name, description, "createdAt", "organizationId") VALUES ('p-old-2', 'Old Two', 'again', '2024-02-02', 'o1')`,
    `INSERT INTO "ssh-key" ("sshKeyId", "publicKey", name, "createdAt", "organizationId") VALUES ('k-old-2', 'ssh-ed25519 C', 'old 2', '2024-02-02', 'o1')`,
  ],
  counts: [
    { before: 'project', after: 'project' },
    { before: '"ssh-key"', after: 'ssh_key' },
  ],
  inserted: { project: 2, ssh_key: 2 },
  checks: [
    [`SELECT count(*)::int FROM project WHERE slug IS NULL`, 0],
    [`SELECT slug FROM project WHERE "projectId" = 'p-old-1'`, 'old-client'],
    [`SELECT summary FROM project WHERE "projectId" = 'p1'`, 'edited'],
    [`SELECT summary FROM project WHERE "projectId" = 'p2'`, 'about 2'],
    [`SELECT summary FROM project WHERE "projectId" = 'p-old-2'`, 'again'],
    [`SELECT name FROM ssh_key WHERE "sshKeyId" = 'k1'`, 'edited'],
  ],
};
