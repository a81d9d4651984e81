-- Background jobs, and deleting a tenant.
--
-- One table claimed with `FOR UPDATE SKIP LOCKED`, so any number of server processes can work the
-- queue without a broker. A job names its tenant; its effect and its completion commit in one
-- transaction, so a job killed mid-run leaves nothing half done and is claimed again once its
-- lease runs out. `job_key` makes enqueueing idempotent.
CREATE TABLE jobs (
  id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text        NOT NULL,
  job_key      text        NOT NULL UNIQUE,
  -- Kept for history once the tenant is gone (deleting a tenant is itself a job).
  tenant_id    uuid        REFERENCES tenants (id) ON DELETE SET NULL,
  payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  status       text        NOT NULL DEFAULT 'queued',
  run_at       timestamptz NOT NULL,
  attempts     integer     NOT NULL DEFAULT 0,
  max_attempts integer     NOT NULL DEFAULT 5,
  locked_until timestamptz,
  last_error   text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CONSTRAINT jobs_kind_format CHECK (kind ~ '^[a-z][a-z0-9_.]{1,63}$'),
  CONSTRAINT jobs_status_valid CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  CONSTRAINT jobs_attempts_valid CHECK (attempts >= 0 AND max_attempts >= 1)
);
-- What the workers poll: only live jobs, by when they are due.
CREATE INDEX jobs_due_idx ON jobs (run_at) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_status_idx ON jobs (status, updated_at DESC);
CREATE INDEX jobs_tenant_idx ON jobs (tenant_id, created_at DESC);

ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
-- A tenant may see its own jobs (its admins will see their exports and mail), never write one.
CREATE POLICY tenant_isolation ON jobs TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
GRANT SELECT ON jobs TO atrium_app;
CREATE POLICY platform_access ON jobs TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON jobs TO atrium_platform;

-- Deleting a tenant removes its row; every tenant table follows by `ON DELETE CASCADE` (foreign
-- keys act past RLS, as the tables' owner). Only the platform role may, and only in a job that
-- runs after the grace period the console sets.
GRANT DELETE ON tenants TO atrium_platform;
