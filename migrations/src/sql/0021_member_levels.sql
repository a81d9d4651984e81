-- Member levels (seed 002's partner user types, such as guest < basic < advanced < company):
-- roles say what a person may do, levels what a member may reach. Each tenant orders its own
-- levels; a course may require one, and a member reaches it with that level or a higher one.
CREATE TABLE member_levels (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  name       text        NOT NULL,
  -- Position in the tenant's order, lowest first. Deferred, so two levels can swap places.
  rank       integer     NOT NULL,
  -- The level new members get (at most one per tenant).
  is_default boolean     NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT member_levels_rank_unique UNIQUE (tenant_id, rank) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT member_levels_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 40),
  CONSTRAINT member_levels_rank_range CHECK (rank BETWEEN 0 AND 999)
);
CREATE UNIQUE INDEX member_levels_name_key ON member_levels (tenant_id, lower(name));
CREATE UNIQUE INDEX member_levels_one_default ON member_levels (tenant_id) WHERE is_default;

ALTER TABLE member_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_levels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_levels TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON member_levels TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON member_levels TO atrium_app;
GRANT SELECT ON member_levels TO atrium_platform;

-- A member's level (none: below every level). Deleting a level leaves its members without one.
ALTER TABLE memberships ADD COLUMN level_id uuid;
ALTER TABLE memberships ADD CONSTRAINT memberships_level_fk
  FOREIGN KEY (tenant_id, level_id) REFERENCES member_levels (tenant_id, id)
  ON DELETE SET NULL (level_id);
CREATE INDEX memberships_tenant_level_idx ON memberships (tenant_id, level_id);

-- The level a course requires. A level some course requires cannot be deleted (that would open
-- the course to everyone by accident).
ALTER TABLE courses ADD COLUMN required_level_id uuid;
ALTER TABLE courses ADD CONSTRAINT courses_required_level_fk
  FOREIGN KEY (tenant_id, required_level_id) REFERENCES member_levels (tenant_id, id)
  ON DELETE RESTRICT;
CREATE INDEX courses_tenant_required_level_idx ON courses (tenant_id, required_level_id);

-- The level an invitation gives (none: the tenant's default).
ALTER TABLE invitations ADD COLUMN level_id uuid;
ALTER TABLE invitations ADD CONSTRAINT invitations_level_fk
  FOREIGN KEY (tenant_id, level_id) REFERENCES member_levels (tenant_id, id)
  ON DELETE SET NULL (level_id);
GRANT INSERT (level_id) ON invitations TO atrium_app;

CREATE TRIGGER member_levels_audit AFTER INSERT OR UPDATE OR DELETE ON member_levels
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
