-- Whether passing the course's quizzes is part of completing it.
ALTER TABLE courses ADD COLUMN quiz_required boolean NOT NULL DEFAULT false;

CREATE TABLE quizzes (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id     uuid        NOT NULL,
  title         text        NOT NULL,
  passing_score integer     NOT NULL DEFAULT 70,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT quizzes_course_key UNIQUE (tenant_id, course_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT quizzes_title_length CHECK (length(btrim(title)) BETWEEN 1 AND 200),
  CONSTRAINT quizzes_passing_score_range CHECK (passing_score BETWEEN 0 AND 100)
);
CREATE INDEX quizzes_tenant_course_idx ON quizzes (tenant_id, course_id);
CREATE TRIGGER quizzes_touch BEFORE UPDATE ON quizzes
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

CREATE TABLE quiz_questions (
  tenant_id  uuid    NOT NULL,
  id         uuid    NOT NULL DEFAULT gen_random_uuid(),
  quiz_id    uuid    NOT NULL,
  prompt     text    NOT NULL,
  multiple   boolean NOT NULL DEFAULT false,
  position   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  CONSTRAINT quiz_questions_quiz_key UNIQUE (tenant_id, quiz_id, id),
  FOREIGN KEY (tenant_id, quiz_id) REFERENCES quizzes (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT quiz_questions_prompt_length CHECK (length(btrim(prompt)) BETWEEN 1 AND 2000)
);
CREATE INDEX quiz_questions_tenant_quiz_idx ON quiz_questions (tenant_id, quiz_id, position);

CREATE TABLE quiz_options (
  tenant_id   uuid    NOT NULL,
  id          uuid    NOT NULL DEFAULT gen_random_uuid(),
  question_id uuid    NOT NULL,
  label       text    NOT NULL,
  is_correct  boolean NOT NULL DEFAULT false,
  position    integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, question_id) REFERENCES quiz_questions (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT quiz_options_label_length CHECK (length(btrim(label)) BETWEEN 1 AND 500)
);
CREATE INDEX quiz_options_tenant_question_idx ON quiz_options (tenant_id, question_id, position);

-- Attempts exist only for enrolled learners, by key.
CREATE TABLE quiz_attempts (
  tenant_id  uuid        NOT NULL,
  id         uuid        NOT NULL DEFAULT gen_random_uuid(),
  course_id  uuid        NOT NULL,
  quiz_id    uuid        NOT NULL,
  user_id    uuid        NOT NULL,
  score      integer     NOT NULL,
  passed     boolean     NOT NULL,
  answers    jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, course_id, quiz_id)
    REFERENCES quizzes (tenant_id, course_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, course_id, user_id)
    REFERENCES enrollments (tenant_id, course_id, user_id) ON DELETE CASCADE,
  CONSTRAINT quiz_attempts_score_range CHECK (score BETWEEN 0 AND 100)
);
CREATE INDEX quiz_attempts_tenant_user_idx ON quiz_attempts (tenant_id, user_id, quiz_id, created_at DESC);

ALTER TABLE quizzes ENABLE ROW LEVEL SECURITY;
ALTER TABLE quizzes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quizzes TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON quizzes TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE quiz_questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE quiz_questions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quiz_questions TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON quiz_questions TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE quiz_options ENABLE ROW LEVEL SECURITY;
ALTER TABLE quiz_options FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quiz_options TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON quiz_options TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE quiz_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE quiz_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON quiz_attempts TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON quiz_attempts TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON quizzes, quiz_questions, quiz_options TO atrium_app;
GRANT SELECT, INSERT ON quiz_attempts TO atrium_app;
GRANT SELECT ON quizzes, quiz_questions, quiz_options, quiz_attempts TO atrium_platform;
