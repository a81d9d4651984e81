-- Roles. The server logs in as atrium_app: it owns nothing and has neither SUPERUSER nor BYPASSRLS.
-- atrium_platform is entered explicitly (SET LOCAL ROLE) for console work, from its own login
-- (atrium_console, migration 0011), never from atrium_app.
-- Roles are cluster-wide, so creation tolerates a concurrent migrator in another database.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_app') THEN
    BEGIN
      CREATE ROLE atrium_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_platform') THEN
    BEGIN
      CREATE ROLE atrium_platform NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$$;

-- Role changes are made only when needed: several databases on one cluster may migrate at once,
-- and concurrent changes to the same role fail with "tuple concurrently updated".
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_app'
             AND (rolsuper OR rolbypassrls OR rolinherit)) THEN
    ALTER ROLE atrium_app NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
  -- (This block once also granted atrium_platform to atrium_app; 0011 took that away, and the
  -- grant is no longer made here, so a database migrating next to a running one never hands the
  -- application role the platform role, even for a moment. Databases that ran it keep nothing:
  -- 0011 revokes it.)
  -- The migrator must be able to hand definer functions to atrium_platform.
  IF NOT pg_has_role(current_user, 'atrium_platform', 'MEMBER') THEN
    EXECUTE format('GRANT atrium_platform TO %I', current_user);
  END IF;
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO atrium_app, atrium_platform;

-- The tenant of the current transaction, or NULL when none is set. A finished SET LOCAL leaves
-- '' behind and an unset value is NULL; anything that is not a uuid also yields NULL, so policies
-- fail closed (zero rows, writes rejected) instead of raising a cast error.
CREATE FUNCTION app_current_tenant() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN s ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
    THEN s::uuid
  END
  FROM (SELECT current_setting('app.tenant_id', true) AS s) AS setting
$$;

CREATE FUNCTION atrium_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;
