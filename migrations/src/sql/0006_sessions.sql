-- Sign-in sessions (the tower-sessions store). A session belongs to one tenant: its cookie is
-- scoped to that portal, and RLS keeps one tenant's session ids meaningless in another.
-- Only a SHA-256 of the session id is stored, so a copy of this table cannot be replayed.
CREATE TABLE sessions (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id_hash    text        NOT NULL,
  user_id    uuid        REFERENCES users (id) ON DELETE CASCADE,
  data       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id_hash)
);
CREATE INDEX sessions_tenant_user_idx ON sessions (tenant_id, user_id, created_at);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON sessions TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO atrium_app;
GRANT SELECT, DELETE ON sessions TO atrium_platform;

-- One-time tokens that carry a signed-in person from one portal to another of their portals
-- (cookies never cross portals). Short-lived and single-use; stored hashed.
CREATE TABLE handoff_tokens (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  token_hash text        NOT NULL,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, token_hash)
);
ALTER TABLE handoff_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE handoff_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON handoff_tokens TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON handoff_tokens TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, DELETE ON handoff_tokens TO atrium_app;
GRANT SELECT, INSERT, DELETE ON handoff_tokens TO atrium_platform;

-- The portals a person belongs to, for the tenant switcher. Narrow on purpose: active tenants
-- where p_user is a member, and nothing else about them.
CREATE FUNCTION atrium_user_portals(p_user uuid)
RETURNS TABLE (slug text, name text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT t.slug, t.name, m.role
  FROM public.memberships m
  JOIN public.tenants t ON t.id = m.tenant_id
  WHERE m.user_id = p_user AND t.status = 'active'
  ORDER BY t.name
$$;

-- Issues a hand-off token for p_user into the portal p_slug, only if they are a member of it.
CREATE FUNCTION atrium_issue_handoff(p_user uuid, p_slug text, p_token_hash text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  target uuid;
BEGIN
  SELECT t.id INTO target
  FROM public.tenants t
  JOIN public.memberships m ON m.tenant_id = t.id AND m.user_id = p_user
  WHERE t.slug = p_slug AND t.status = 'active';
  IF target IS NULL THEN
    RETURN false;
  END IF;
  DELETE FROM public.handoff_tokens WHERE expires_at < now();
  INSERT INTO public.handoff_tokens (tenant_id, token_hash, user_id, expires_at)
  VALUES (target, p_token_hash, p_user, now() + interval '60 seconds');
  RETURN true;
END
$$;

-- Housekeeping across tenants: expired sessions go.
CREATE FUNCTION atrium_delete_expired_sessions()
RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  WITH gone AS (DELETE FROM public.sessions WHERE expires_at < now() RETURNING 1)
  SELECT count(*) FROM gone
$$;

GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_user_portals(uuid) OWNER TO atrium_platform;
ALTER FUNCTION atrium_issue_handoff(uuid, text, text) OWNER TO atrium_platform;
ALTER FUNCTION atrium_delete_expired_sessions() OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_user_portals(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_issue_handoff(uuid, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_delete_expired_sessions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_user_portals(uuid) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_issue_handoff(uuid, text, text) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_delete_expired_sessions() TO atrium_app;
