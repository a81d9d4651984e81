-- Purchases of priced courses. Checkout is simulated; the record and its states are real.
CREATE TABLE orders (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id      uuid        NOT NULL,
  course_id    uuid        NOT NULL,
  amount_cents integer     NOT NULL,
  currency     text        NOT NULL DEFAULT 'USD',
  status       text        NOT NULL DEFAULT 'pending',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  paid_at      timestamptz,
  refunded_at  timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id) ON DELETE CASCADE,
  CONSTRAINT orders_status_valid CHECK (status IN ('pending', 'paid', 'refunded')),
  CONSTRAINT orders_amount_positive CHECK (amount_cents > 0),
  CONSTRAINT orders_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT orders_paid_has_date CHECK (status = 'pending' OR paid_at IS NOT NULL)
);
CREATE INDEX orders_tenant_user_idx ON orders (tenant_id, user_id, created_at DESC);
-- At most one open checkout per learner and course.
CREATE UNIQUE INDEX orders_one_pending_idx ON orders (tenant_id, user_id, course_id)
  WHERE status = 'pending';
CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
ALTER TABLE orders FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orders TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON orders TO atrium_platform USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE ON orders TO atrium_app;
GRANT SELECT ON orders TO atrium_platform;
