CREATE TABLE courses (
  tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid        NOT NULL DEFAULT gen_random_uuid(),
  slug         text        NOT NULL,
  title        text        NOT NULL,
  summary      text        NOT NULL DEFAULT '',
  access_level text        NOT NULL DEFAULT 'public',
  status       text        NOT NULL DEFAULT 'draft',
  price_cents  integer     NOT NULL DEFAULT 0,
  published_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT courses_slug_unique UNIQUE (tenant_id, slug),
  CONSTRAINT courses_slug_format CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,78}[a-z0-9])?$'),
  CONSTRAINT courses_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT courses_summary_length CHECK (length(summary) <= 2000),
  CONSTRAINT courses_access_level_valid CHECK (access_level IN ('public', 'members')),
  CONSTRAINT courses_status_valid CHECK (status IN ('draft', 'published')),
  CONSTRAINT courses_price_non_negative CHECK (price_cents >= 0)
);
CREATE INDEX courses_tenant_status_idx ON courses (tenant_id, status, published_at DESC);
CREATE TRIGGER courses_touch BEFORE UPDATE ON courses
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

CREATE TABLE modules (
  tenant_id  uuid        NOT NULL,
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id  uuid        NOT NULL,
  title      text        NOT NULL,
  position   integer     NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  -- Lets lessons name their course in the same key, so a lesson can't cross courses.
  CONSTRAINT modules_course_key UNIQUE (tenant_id, course_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT modules_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200)
);
CREATE INDEX modules_tenant_course_idx ON modules (tenant_id, course_id, position);
CREATE TRIGGER modules_touch BEFORE UPDATE ON modules
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

CREATE TABLE lessons (
  tenant_id  uuid        NOT NULL,
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id  uuid        NOT NULL,
  module_id  uuid        NOT NULL,
  title      text        NOT NULL,
  body_markdown text     NOT NULL DEFAULT '',
  position   integer     NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT lessons_course_key UNIQUE (tenant_id, course_id, id),
  FOREIGN KEY (tenant_id, course_id, module_id)
    REFERENCES modules (tenant_id, course_id, id) ON DELETE CASCADE,
  CONSTRAINT lessons_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT lessons_body_length CHECK (length(body_markdown) <= 200000)
);
CREATE INDEX lessons_tenant_module_idx ON lessons (tenant_id, module_id, position);
CREATE INDEX lessons_tenant_course_idx ON lessons (tenant_id, course_id);
CREATE TRIGGER lessons_touch BEFORE UPDATE ON lessons
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

ALTER TABLE courses ENABLE ROW LEVEL SECURITY;
ALTER TABLE courses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON courses TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON courses TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE modules ENABLE ROW LEVEL SECURITY;
ALTER TABLE modules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON modules TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON modules TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE lessons ENABLE ROW LEVEL SECURITY;
ALTER TABLE lessons FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON lessons TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON lessons TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON courses, modules, lessons TO atrium_app;
GRANT SELECT ON courses, modules, lessons TO atrium_platform;
