-- One global identity per person; tenants see people only through memberships.
CREATE TABLE users (
  id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  email          text        NOT NULL,
  display_name   text        NOT NULL,
  password_hash  text,
  is_super_admin boolean     NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 254),
  CONSTRAINT users_display_name_length CHECK (length(btrim(display_name)) BETWEEN 1 AND 120)
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE TRIGGER users_touch BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- The super-admin flag is granted by operators, never by the application.
GRANT SELECT ON users TO atrium_app;
GRANT INSERT (id, email, display_name, password_hash) ON users TO atrium_app;
GRANT UPDATE (email, display_name, password_hash) ON users TO atrium_app;
GRANT SELECT ON users TO atrium_platform;

CREATE TABLE memberships (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text        NOT NULL DEFAULT 'member',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id),
  CONSTRAINT memberships_role_valid CHECK (role IN ('owner', 'admin', 'instructor', 'member'))
);
CREATE INDEX memberships_tenant_role_idx ON memberships (tenant_id, role);
CREATE TRIGGER memberships_touch BEFORE UPDATE ON memberships
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON memberships TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON memberships TO atrium_platform;
