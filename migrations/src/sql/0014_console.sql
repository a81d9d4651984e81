-- The platform console: its own sign-in sessions, a platform audit trail, and per-tenant counters
-- kept by the database so the tenant list never counts rows per tenant.

-- 1. Console sessions --------------------------------------------------------------------------
-- They belong to no tenant and are reached only through the platform role: the application's
-- login has no grant and no policy here, so a portal can never read or forge one. Ids are stored
-- as SHA-256 hashes, like portal sessions.
CREATE TABLE console_sessions (
  id_hash    text        PRIMARY KEY,
  user_id    uuid        REFERENCES users (id) ON DELETE CASCADE,
  data       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_sessions_expires_idx ON console_sessions (expires_at);
ALTER TABLE console_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE console_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY platform_access ON console_sessions TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON console_sessions TO atrium_platform;

-- 2. Platform audit trail ----------------------------------------------------------------------
-- What super admins did in the console, with the reason they gave. Append-only: the platform
-- role may add rows and read them, never change or remove one. A tenant may read the entries
-- about itself (its owners will see who worked in their portal), never write one.
CREATE TABLE platform_audit (
  id            uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  actor_user_id uuid        REFERENCES users (id) ON DELETE SET NULL,
  action        text        NOT NULL,
  tenant_id     uuid        REFERENCES tenants (id) ON DELETE SET NULL,
  reason        text        NOT NULL DEFAULT '',
  details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT platform_audit_action_format CHECK (action ~ '^[a-z][a-z0-9_.]{1,63}$')
);
CREATE INDEX platform_audit_created_idx ON platform_audit (created_at DESC, id DESC);
CREATE INDEX platform_audit_tenant_idx ON platform_audit (tenant_id, created_at DESC);
ALTER TABLE platform_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform_audit TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
GRANT SELECT ON platform_audit TO atrium_app;
CREATE POLICY platform_read ON platform_audit FOR SELECT TO atrium_platform USING (true);
CREATE POLICY platform_append ON platform_audit FOR INSERT TO atrium_platform WITH CHECK (true);
GRANT SELECT, INSERT ON platform_audit TO atrium_platform;

-- 3. Per-tenant counters -----------------------------------------------------------------------
-- Kept by statement-level triggers with transition tables, so a bulk insert adds its rows in one
-- update per tenant rather than one per row. A tenant sees its own row (RLS), and nobody writes
-- it but the triggers, which run as the platform role (definer functions below).
CREATE TABLE tenant_counters (
  tenant_id  uuid   PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  members    bigint NOT NULL DEFAULT 0,
  courses    bigint NOT NULL DEFAULT 0,
  enrolments bigint NOT NULL DEFAULT 0,
  domains    bigint NOT NULL DEFAULT 0
);
-- The list sorts by each count, then by id (keyset pagination).
CREATE INDEX tenant_counters_members_idx ON tenant_counters (members, tenant_id);
CREATE INDEX tenant_counters_courses_idx ON tenant_counters (courses, tenant_id);
CREATE INDEX tenant_counters_enrolments_idx ON tenant_counters (enrolments, tenant_id);
CREATE INDEX tenants_created_idx ON tenants (created_at, id);
CREATE INDEX tenants_name_idx ON tenants (lower(name), id);

ALTER TABLE tenant_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_counters TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON tenant_counters TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT ON tenant_counters TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON tenant_counters TO atrium_platform;

CREATE FUNCTION atrium_counters_for_new_tenants() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  INSERT INTO public.tenant_counters (tenant_id) SELECT id FROM added ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- TG_ARGV[0] is the counter's column, TG_ARGV[1] +1 or -1.
CREATE FUNCTION atrium_count_rows() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF TG_ARGV[1] = '1' THEN
    EXECUTE format(
      'UPDATE public.tenant_counters c SET %1$I = c.%1$I + n.n
         FROM (SELECT tenant_id, count(*) AS n FROM added GROUP BY tenant_id) n
        WHERE c.tenant_id = n.tenant_id', TG_ARGV[0]);
  ELSE
    EXECUTE format(
      'UPDATE public.tenant_counters c SET %1$I = greatest(c.%1$I - n.n, 0)
         FROM (SELECT tenant_id, count(*) AS n FROM removed GROUP BY tenant_id) n
        WHERE c.tenant_id = n.tenant_id', TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;

GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_counters_for_new_tenants() OWNER TO atrium_platform;
ALTER FUNCTION atrium_count_rows() OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_counters_for_new_tenants() FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_count_rows() FROM PUBLIC;

CREATE TRIGGER tenants_counters AFTER INSERT ON tenants
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT
  EXECUTE FUNCTION atrium_counters_for_new_tenants();

CREATE TRIGGER memberships_count_added AFTER INSERT ON memberships
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('members', '1');
CREATE TRIGGER memberships_count_removed AFTER DELETE ON memberships
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('members', '-1');
CREATE TRIGGER courses_count_added AFTER INSERT ON courses
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('courses', '1');
CREATE TRIGGER courses_count_removed AFTER DELETE ON courses
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('courses', '-1');
CREATE TRIGGER enrollments_count_added AFTER INSERT ON enrollments
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('enrolments', '1');
CREATE TRIGGER enrollments_count_removed AFTER DELETE ON enrollments
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('enrolments', '-1');
CREATE TRIGGER tenant_domains_count_added AFTER INSERT ON tenant_domains
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('domains', '1');
CREATE TRIGGER tenant_domains_count_removed AFTER DELETE ON tenant_domains
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION atrium_count_rows('domains', '-1');

-- Tenants that exist already start from their true counts.
INSERT INTO tenant_counters (tenant_id, members, courses, enrolments, domains)
SELECT t.id,
  (SELECT count(*) FROM memberships m WHERE m.tenant_id = t.id),
  (SELECT count(*) FROM courses c WHERE c.tenant_id = t.id),
  (SELECT count(*) FROM enrollments e WHERE e.tenant_id = t.id),
  (SELECT count(*) FROM tenant_domains d WHERE d.tenant_id = t.id)
FROM tenants t;

-- Paid orders by time, for the list's monthly revenue of a page of tenants.
CREATE INDEX orders_tenant_paid_idx ON orders (tenant_id, paid_at) WHERE status = 'paid';
-- Recent activity per tenant, for "learners active in the last 30 days".
CREATE INDEX lesson_progress_tenant_viewed_idx ON lesson_progress (tenant_id, last_viewed_at);
