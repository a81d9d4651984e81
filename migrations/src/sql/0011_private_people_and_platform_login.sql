-- Defence in depth for people's data, in case a query is ever injected:
-- 1. Password hashes leave the readable `users` row for `user_credentials`, which the application
--    role can add to but never read. Checking a password goes through two narrow definer
--    functions: one hands out the hash's parameters and salt (never the hash), the other says
--    whether a hash the server computed with them matches.
-- 2. `users` gets Row-Level Security: the application role sees a person only through a
--    membership in the current tenant, or when they are the person of the current request
--    (`app.user_id`, set per transaction like `app.tenant_id`). `is_super_admin` is not readable.
-- 3. The platform role is no longer reachable from the application's connection by SET ROLE: it
--    is entered from its own login, `atrium_console`, used by a separate pool.

-- The person of the current transaction, or NULL; fails closed like app_current_tenant().
CREATE FUNCTION app_current_user() RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN s ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
    THEN s::uuid
  END
  FROM (SELECT current_setting('app.user_id', true) AS s) AS setting
$$;

-- 1. Credentials -------------------------------------------------------------------------------
CREATE TABLE user_credentials (
  user_id       uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  password_hash text        NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT user_credentials_phc CHECK (password_hash LIKE '$%$%')
);
INSERT INTO user_credentials (user_id, password_hash)
  SELECT id, password_hash FROM users WHERE password_hash IS NOT NULL;
ALTER TABLE users DROP COLUMN password_hash;

ALTER TABLE user_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_credentials FORCE ROW LEVEL SECURITY;
-- A person's first password is set in the transaction that creates them (sign-up).
CREATE POLICY own_first_password ON user_credentials FOR INSERT TO atrium_app
  WITH CHECK (user_id = (SELECT app_current_user()));
CREATE POLICY platform_access ON user_credentials TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT INSERT ON user_credentials TO atrium_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_credentials TO atrium_platform;

-- 2. People ------------------------------------------------------------------------------------
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
REVOKE ALL ON users FROM atrium_app;
GRANT SELECT (id, email, display_name, created_at, updated_at) ON users TO atrium_app;
GRANT INSERT (id, email, display_name) ON users TO atrium_app;
GRANT UPDATE (email, display_name) ON users TO atrium_app;
CREATE POLICY person_in_view ON users FOR SELECT TO atrium_app
  USING (
    id = (SELECT app_current_user())
    OR EXISTS (
      SELECT 1 FROM memberships m
      WHERE m.tenant_id = (SELECT app_current_tenant()) AND m.user_id = users.id
    )
  );
CREATE POLICY person_self_insert ON users FOR INSERT TO atrium_app
  WITH CHECK (id = (SELECT app_current_user()));
CREATE POLICY person_self_update ON users FOR UPDATE TO atrium_app
  USING (id = (SELECT app_current_user()))
  WITH CHECK (id = (SELECT app_current_user()));
CREATE POLICY platform_access ON users TO atrium_platform
  USING (true) WITH CHECK (true);
REVOKE ALL ON users FROM atrium_platform;
GRANT SELECT ON users TO atrium_platform;
GRANT INSERT (id, email, display_name) ON users TO atrium_platform;
GRANT UPDATE (email, display_name) ON users TO atrium_platform;

-- Step one of a password check: the stored hash's algorithm, parameters and salt, ending in '$'
-- where the hash itself was cut off. No row for an unknown email or a person with no password.
CREATE FUNCTION atrium_password_salt(p_email text)
RETURNS TABLE (user_id uuid, salt text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT u.id, regexp_replace(c.password_hash, '[^$]*$', '')
  FROM public.users u
  JOIN public.user_credentials c ON c.user_id = u.id
  WHERE lower(u.email) = lower(p_email)
$$;

-- Step two: whether the hash the server computed with that salt is the stored one.
CREATE FUNCTION atrium_password_matches(p_user uuid, p_hash text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.user_credentials
    WHERE user_id = p_user AND substring(password_hash FROM '[^$]*$') = p_hash
  )
$$;

GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_password_salt(text) OWNER TO atrium_platform;
ALTER FUNCTION atrium_password_matches(uuid, text) OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_password_salt(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_password_matches(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_password_salt(text) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_password_matches(uuid, text) TO atrium_app;

-- 3. The platform login -----------------------------------------------------------------------
-- Roles are cluster-wide: databases on one cluster may migrate at the same moment, so each
-- change is made only when needed and tolerates a concurrent migrator making it first.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'atrium_console') THEN
    BEGIN
      CREATE ROLE atrium_console LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
  IF NOT pg_has_role('atrium_console', 'atrium_platform', 'MEMBER') THEN
    BEGIN
      GRANT atrium_platform TO atrium_console;
    EXCEPTION WHEN unique_violation THEN NULL;
    END;
  END IF;
  IF pg_has_role('atrium_app', 'atrium_platform', 'MEMBER') THEN
    BEGIN
      REVOKE atrium_platform FROM atrium_app;
    EXCEPTION WHEN OTHERS THEN
      -- Another migrator revoked it first; make sure it is gone.
      IF pg_has_role('atrium_app', 'atrium_platform', 'MEMBER') THEN
        RAISE;
      END IF;
    END;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO atrium_console;
