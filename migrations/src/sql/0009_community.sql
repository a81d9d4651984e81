-- Course discussions. Posts are removed softly (body cleared, marker kept) so replies keep
-- their place in the conversation.
CREATE TABLE discussion_threads (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id     uuid        NOT NULL,
  author_id     uuid        NOT NULL,
  title         text        NOT NULL,
  body_markdown text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  edited_at     timestamptz,
  removed_at    timestamptz,
  removed_by    uuid,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT discussion_threads_course_key UNIQUE (tenant_id, course_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, author_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
  CONSTRAINT discussion_threads_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT discussion_threads_body_length CHECK (length(body_markdown) <= 20000)
);
CREATE INDEX discussion_threads_tenant_course_idx
  ON discussion_threads (tenant_id, course_id, created_at DESC);
CREATE TRIGGER discussion_threads_touch BEFORE UPDATE ON discussion_threads
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

CREATE TABLE discussion_replies (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id     uuid        NOT NULL,
  thread_id     uuid        NOT NULL,
  author_id     uuid        NOT NULL,
  body_markdown text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  edited_at     timestamptz,
  removed_at    timestamptz,
  removed_by    uuid,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, course_id, thread_id)
    REFERENCES discussion_threads (tenant_id, course_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, author_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
  CONSTRAINT discussion_replies_body_length CHECK (length(body_markdown) <= 20000)
);
CREATE INDEX discussion_replies_tenant_thread_idx
  ON discussion_replies (tenant_id, thread_id, created_at);
CREATE TRIGGER discussion_replies_touch BEFORE UPDATE ON discussion_replies
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

ALTER TABLE discussion_threads ENABLE ROW LEVEL SECURITY;
ALTER TABLE discussion_threads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON discussion_threads TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON discussion_threads TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE discussion_replies ENABLE ROW LEVEL SECURITY;
ALTER TABLE discussion_replies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON discussion_replies TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON discussion_replies TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE ON discussion_threads, discussion_replies TO atrium_app;
GRANT SELECT ON discussion_threads, discussion_replies TO atrium_platform;
