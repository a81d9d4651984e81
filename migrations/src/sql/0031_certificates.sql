-- Completion certificates (issue 13). A certificate records what was true when it was issued:
-- the learner's name and the course's title are copied, so renaming either later does not
-- change a certificate someone has already shown. Its code is the only way to find it from
-- outside: 140 random bits, kept as 28 Crockford base-32 characters.

-- The score a learner must reach on each of the course's quizzes for a certificate; NULL for
-- none beyond completing the course.
ALTER TABLE courses ADD COLUMN certificate_min_score integer
  CONSTRAINT courses_certificate_min_score_range CHECK (certificate_min_score BETWEEN 0 AND 100);

CREATE TABLE certificates (
  tenant_id      uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id             uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id      uuid        NOT NULL,
  user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code           text        NOT NULL,
  learner_name   text        NOT NULL,
  course_title   text        NOT NULL,
  issued_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz,
  revoked_reason text,
  revoked_by     uuid        REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT certificates_code_key UNIQUE (tenant_id, code),
  CONSTRAINT certificates_one_per_course UNIQUE (tenant_id, course_id, user_id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT certificates_code_form CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{28}$'),
  CONSTRAINT certificates_revocation CHECK (
    (revoked_at IS NULL AND revoked_reason IS NULL)
    OR (revoked_at IS NOT NULL AND length(btrim(revoked_reason)) BETWEEN 1 AND 500))
);
CREATE INDEX certificates_tenant_user_idx ON certificates (tenant_id, user_id, issued_at DESC);

ALTER TABLE certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON certificates TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON certificates TO atrium_platform USING (true) WITH CHECK (true);
-- Issued and revoked, never deleted by the application (a course's or person's deletion
-- cascades).
GRANT SELECT, INSERT, UPDATE ON certificates TO atrium_app;
GRANT SELECT ON certificates TO atrium_platform;
