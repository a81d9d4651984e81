-- Support sessions: a super admin opens a tenant's portal to troubleshoot, with a reason, for at
-- most 60 minutes, read-only unless write access was ticked. Inside the portal the session works
-- through the tenant's own transaction and RLS like any member's; its rows here let the tenant's
-- owners see who came in, when and why (and the row audit names the super admin on every change).
CREATE TABLE support_sessions (
  tenant_id        uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  admin_user_id    uuid        REFERENCES users (id) ON DELETE SET NULL,
  admin_name       text        NOT NULL,
  reason           text        NOT NULL,
  write_access     boolean     NOT NULL DEFAULT false,
  started_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  ended_at         timestamptz,
  -- The single-use way in (hashed), valid for two minutes after the console issued it.
  entry_token_hash text,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT support_sessions_at_most_an_hour
    CHECK (expires_at > started_at AND expires_at <= started_at + interval '60 minutes'),
  CONSTRAINT support_sessions_reason_given CHECK (length(btrim(reason)) BETWEEN 1 AND 500)
);
CREATE UNIQUE INDEX support_sessions_entry_idx ON support_sessions (tenant_id, entry_token_hash)
  WHERE entry_token_hash IS NOT NULL;
CREATE INDEX support_sessions_tenant_started_idx ON support_sessions (tenant_id, started_at DESC);

ALTER TABLE support_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_sessions TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
-- The portal may read them, use the way in once, and end one ("leave"); nothing else.
GRANT SELECT ON support_sessions TO atrium_app;
GRANT UPDATE (entry_token_hash, ended_at) ON support_sessions TO atrium_app;
CREATE POLICY platform_access ON support_sessions TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON support_sessions TO atrium_platform;

-- Whether a support session of the current tenant is still on: not ended, not run out, and its
-- person still a super admin (taking the flag away ends their support sessions at once, as it
-- ends their console). A definer function, because the application may not read the flag.
CREATE FUNCTION atrium_support_live(p_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT EXISTS (
    SELECT 1 FROM public.support_sessions s JOIN public.users u ON u.id = s.admin_user_id
    WHERE s.tenant_id = public.app_current_tenant() AND s.id = p_id
      AND s.ended_at IS NULL AND s.expires_at > now() AND u.is_super_admin)
$$;
GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_support_live(uuid) OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_support_live(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_support_live(uuid) TO atrium_app;

CREATE TRIGGER support_sessions_audit AFTER INSERT OR UPDATE OR DELETE ON support_sessions
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
