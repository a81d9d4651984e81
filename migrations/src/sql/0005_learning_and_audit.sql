-- Only members enrol, and progress exists only for an enrolment, by key.
CREATE TABLE enrollments (
  tenant_id    uuid        NOT NULL,
  course_id    uuid        NOT NULL,
  user_id      uuid        NOT NULL,
  enrolled_at  timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  PRIMARY KEY (tenant_id, course_id, user_id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX enrollments_tenant_user_idx ON enrollments (tenant_id, user_id);

CREATE TABLE lesson_progress (
  tenant_id      uuid        NOT NULL,
  user_id        uuid        NOT NULL,
  course_id      uuid        NOT NULL,
  lesson_id      uuid        NOT NULL,
  last_viewed_at timestamptz NOT NULL DEFAULT now(),
  completed_at   timestamptz,
  PRIMARY KEY (tenant_id, user_id, lesson_id),
  FOREIGN KEY (tenant_id, course_id, user_id)
    REFERENCES enrollments (tenant_id, course_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, course_id, lesson_id)
    REFERENCES lessons (tenant_id, course_id, id) ON DELETE CASCADE
);
CREATE INDEX lesson_progress_tenant_course_idx ON lesson_progress (tenant_id, course_id, user_id);

-- Append-only: the application may add and read entries, never change them.
CREATE TABLE audit_log (
  tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  actor_user_id uuid        REFERENCES users (id) ON DELETE SET NULL,
  action        text        NOT NULL,
  subject       text        NOT NULL DEFAULT '',
  details       jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT audit_log_action_format CHECK (action ~ '^[a-z][a-z0-9_.]{1,63}$')
);
CREATE INDEX audit_log_tenant_created_idx ON audit_log (tenant_id, created_at DESC);

ALTER TABLE enrollments ENABLE ROW LEVEL SECURITY;
ALTER TABLE enrollments FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON enrollments TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON enrollments TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE lesson_progress ENABLE ROW LEVEL SECURITY;
ALTER TABLE lesson_progress FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lesson_progress TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON lesson_progress TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_log TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON audit_log TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON enrollments, lesson_progress TO atrium_app;
GRANT SELECT, INSERT ON audit_log TO atrium_app;
GRANT SELECT ON enrollments, lesson_progress TO atrium_platform;
GRANT SELECT, INSERT ON audit_log TO atrium_platform;
