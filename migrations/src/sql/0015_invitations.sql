-- Invitations: a single-use link that lets a person set their password and join a tenant with a
-- role. The console makes one for a new tenant's first owner when their address has no Atrium
-- identity yet; tenant administration will send more. Only a SHA-256 of the token is stored.
CREATE TABLE invitations (
  tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id          uuid        NOT NULL DEFAULT gen_random_uuid(),
  token_hash  text        NOT NULL,
  email       text        NOT NULL,
  user_id     uuid        REFERENCES users (id) ON DELETE CASCADE,
  role        text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at  timestamptz,
  created_by  uuid        REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT invitations_token_unique UNIQUE (tenant_id, token_hash),
  CONSTRAINT invitations_role_valid CHECK (role IN ('owner', 'admin', 'instructor', 'member')),
  CONSTRAINT invitations_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254)
);

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON invitations TO atrium_platform USING (true) WITH CHECK (true);
-- The application reads an invitation and marks it used; the platform creates them.
GRANT SELECT, UPDATE (accepted_at, revoked_at) ON invitations TO atrium_app;
GRANT SELECT, INSERT ON invitations TO atrium_platform;
