-- The simulated payment provider's own books (issue 11). A real provider keeps these on its
-- side: every charge under the idempotency key the caller sent (the same key charges once and
-- answers with the first outcome), and whether a member's saved card declines. Kept in the
-- database, not in memory, so the simulation behaves the same across restarts and instances.

CREATE TABLE simulated_charges (
  tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  idempotency_key text        NOT NULL,
  user_id         uuid        NOT NULL,
  amount_minor    bigint      NOT NULL,
  currency        text        NOT NULL,
  outcome         text        NOT NULL,
  refunded        boolean     NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, idempotency_key),
  CONSTRAINT simulated_charges_amount_positive CHECK (amount_minor > 0),
  CONSTRAINT simulated_charges_outcome_valid CHECK (outcome IN ('paid', 'declined')),
  CONSTRAINT simulated_charges_key_length CHECK (length(idempotency_key) BETWEEN 1 AND 200)
);

-- A member's saved card in the simulation: set to decline so a renewal fails on purpose.
CREATE TABLE simulated_cards (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  user_id    uuid        NOT NULL,
  declines   boolean     NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);

ALTER TABLE simulated_charges ENABLE ROW LEVEL SECURITY;
ALTER TABLE simulated_charges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON simulated_charges TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON simulated_charges TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE simulated_cards ENABLE ROW LEVEL SECURITY;
ALTER TABLE simulated_cards FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON simulated_cards TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON simulated_cards TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT ON simulated_charges, simulated_cards TO atrium_platform;
GRANT SELECT, INSERT ON simulated_charges TO atrium_app;
GRANT UPDATE (refunded) ON simulated_charges TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON simulated_cards TO atrium_app;
