-- Tenant administration: a tenant's own admins invite people, and mail goes through an outbox
-- that a background job delivers.

-- Admins make invitations in their tenant's transaction. The identity is made (or found) when
-- the link is used, so an admin's invitation names no user. Renewing a link replaces its hash.
GRANT INSERT (tenant_id, token_hash, email, role, created_by, expires_at) ON invitations TO atrium_app;
GRANT UPDATE (token_hash, expires_at) ON invitations TO atrium_app;
-- One open invitation per address and tenant: a second "invite" renews the first instead.
CREATE UNIQUE INDEX invitations_open_email_key ON invitations (tenant_id, lower(email))
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
CREATE INDEX invitations_tenant_created_idx ON invitations (tenant_id, created_at DESC);

-- Outgoing mail. A row is written in the same transaction as what it announces, and a
-- `mail.send` job hands it to the configured mailer. The body can hold a single-use link, so it
-- is cleared once the message has been handed over (or given up on).
CREATE TABLE outbox (
  tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id            uuid        NOT NULL DEFAULT gen_random_uuid(),
  invitation_id uuid,
  recipient     text        NOT NULL,
  subject       text        NOT NULL,
  body          text        NOT NULL,
  -- queued: waiting for the job; sent: an SMTP server accepted it; logged: no mail server is
  -- configured, so it was only written to the log; failed: delivery gave up.
  status        text        NOT NULL DEFAULT 'queued',
  last_error    text        NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  handled_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, invitation_id) REFERENCES invitations (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT outbox_status_valid CHECK (status IN ('queued', 'sent', 'logged', 'failed')),
  CONSTRAINT outbox_recipient_format CHECK (recipient ~ '^[^@\s]+@[^@\s]+$' AND length(recipient) <= 254),
  CONSTRAINT outbox_subject_length CHECK (length(subject) BETWEEN 1 AND 200)
);
CREATE INDEX outbox_invitation_idx ON outbox (tenant_id, invitation_id, created_at DESC);

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON outbox TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT ON outbox TO atrium_app;
GRANT SELECT, UPDATE ON outbox TO atrium_platform;

-- A tenant may now enqueue its own mail, and nothing else: the tenant policy already limits it
-- to its own rows, and a restrictive one limits what it inserts to `mail.*` jobs (a tenant can
-- never schedule, say, its own deletion, even through a bug in the application).
CREATE POLICY app_enqueues_mail_only ON jobs AS RESTRICTIVE FOR INSERT TO atrium_app
  WITH CHECK (kind LIKE 'mail.%');
GRANT INSERT (kind, job_key, tenant_id, payload, run_at, max_attempts) ON jobs TO atrium_app;
