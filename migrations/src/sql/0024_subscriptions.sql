-- Each tenant's own business model (issue 11): recurring plans with prices that never change
-- under a subscriber, and subscriptions whose lifecycle the database enforces:
--
--   signing (checkout started) -> signed (paid, active) -> suspended (payment failed or an
--   admin paused it; access paused, data kept) -> signed again, or -> unsigned (ended).
--
-- Money is integer minor units in the tenant's ISO 4217 currency; no floats anywhere.

ALTER TABLE tenants ADD COLUMN currency text NOT NULL DEFAULT 'USD';
ALTER TABLE tenants ADD CONSTRAINT tenants_currency_format CHECK (currency ~ '^[A-Z]{3}$');

CREATE TABLE plans (
  tenant_id          uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
  name               text        NOT NULL,
  description        text        NOT NULL DEFAULT '',
  billing_interval   text        NOT NULL,
  -- What a signed subscription grants: a member level, the assessments area, and the courses
  -- in plan_courses.
  grants_level_id    uuid,
  grants_assessments boolean     NOT NULL DEFAULT false,
  status             text        NOT NULL DEFAULT 'active',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, grants_level_id) REFERENCES member_levels (tenant_id, id),
  CONSTRAINT plans_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 80),
  CONSTRAINT plans_interval_valid CHECK (billing_interval IN ('month', 'year')),
  CONSTRAINT plans_status_valid CHECK (status IN ('active', 'archived'))
);
CREATE UNIQUE INDEX plans_name_key ON plans (tenant_id, lower(name));
CREATE TRIGGER plans_touch BEFORE UPDATE ON plans
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- A plan's prices, newest last. Changing the price adds a row; a subscription keeps the price
-- it was signed at. Rows are never updated.
CREATE TABLE plan_prices (
  tenant_id    uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id           uuid        NOT NULL DEFAULT gen_random_uuid(),
  plan_id      uuid        NOT NULL,
  amount_minor bigint      NOT NULL,
  currency     text        NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id) ON DELETE CASCADE,
  CONSTRAINT plan_prices_amount_positive CHECK (amount_minor > 0),
  CONSTRAINT plan_prices_currency_format CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX plan_prices_plan_idx ON plan_prices (tenant_id, plan_id, created_at DESC);

CREATE TABLE plan_courses (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  plan_id   uuid NOT NULL,
  course_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, plan_id, course_id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, course_id) REFERENCES courses (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX plan_courses_course_idx ON plan_courses (tenant_id, course_id);

-- Who may buy a plan (seed 002's "plan availability restricted by roles"): members of these
-- levels. A plan with no rows here is open to every member.
CREATE TABLE plan_levels (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  plan_id   uuid NOT NULL,
  level_id  uuid NOT NULL,
  PRIMARY KEY (tenant_id, plan_id, level_id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, level_id) REFERENCES member_levels (tenant_id, id) ON DELETE CASCADE
);

-- One-off offers: an assessment package, a coaching programme, a single course.
CREATE TABLE products (
  tenant_id          uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
  name               text        NOT NULL,
  description        text        NOT NULL DEFAULT '',
  amount_minor       bigint      NOT NULL,
  currency           text        NOT NULL,
  grants_course_id   uuid,
  grants_assessments boolean     NOT NULL DEFAULT false,
  status             text        NOT NULL DEFAULT 'active',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, grants_course_id) REFERENCES courses (tenant_id, id),
  CONSTRAINT products_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 80),
  CONSTRAINT products_amount_positive CHECK (amount_minor > 0),
  CONSTRAINT products_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT products_status_valid CHECK (status IN ('active', 'archived'))
);
CREATE UNIQUE INDEX products_name_key ON products (tenant_id, lower(name));
CREATE TRIGGER products_touch BEFORE UPDATE ON products
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- The lifecycle's legal moves. Not tenant data: the same rules for every tenant.
CREATE TABLE subscription_transitions (
  from_state text NOT NULL,
  to_state   text NOT NULL,
  PRIMARY KEY (from_state, to_state)
);
INSERT INTO subscription_transitions (from_state, to_state) VALUES
  ('signing', 'signed'),      -- checkout paid
  ('signing', 'unsigned'),    -- checkout declined or abandoned
  ('signed', 'suspended'),    -- renewal failed, or an admin paused it
  ('signed', 'unsigned'),     -- cancelled at period end
  ('suspended', 'signed'),    -- paid after all, or an admin resumed it
  ('suspended', 'unsigned');  -- retries and grace ran out, or cancelled
GRANT SELECT ON subscription_transitions TO atrium_app, atrium_platform;

CREATE TABLE subscriptions (
  tenant_id            uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id                   uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id              uuid        NOT NULL,
  plan_id              uuid        NOT NULL,
  price_id             uuid        NOT NULL,
  state                text        NOT NULL DEFAULT 'signing',
  current_period_start timestamptz,
  current_period_end   timestamptz,
  cancel_at_period_end boolean     NOT NULL DEFAULT false,
  failed_attempts      integer     NOT NULL DEFAULT 0,
  -- Who or what made the latest change, and why: copied into the history by a trigger, so
  -- every state change is recorded with its cause.
  last_cause           text        NOT NULL DEFAULT 'user',
  last_actor_id        uuid,
  last_reason          text        NOT NULL DEFAULT '',
  -- The provider's time of the newest payment event applied: older events arriving late are
  -- kept but not applied.
  last_event_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  ended_at             timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id),
  FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id),
  FOREIGN KEY (tenant_id, price_id) REFERENCES plan_prices (tenant_id, id),
  CONSTRAINT subscriptions_state_valid
    CHECK (state IN ('signing', 'signed', 'suspended', 'unsigned')),
  CONSTRAINT subscriptions_cause_valid CHECK (last_cause IN ('user', 'admin', 'payment', 'job')),
  CONSTRAINT subscriptions_attempts_valid CHECK (failed_attempts >= 0),
  CONSTRAINT subscriptions_signed_has_period
    CHECK (state IN ('signing', 'unsigned')
           OR (current_period_start IS NOT NULL AND current_period_end > current_period_start))
);
-- At most one live subscription per member and plan.
CREATE UNIQUE INDEX subscriptions_one_live_idx ON subscriptions (tenant_id, user_id, plan_id)
  WHERE state <> 'unsigned';
CREATE INDEX subscriptions_state_idx ON subscriptions (tenant_id, state, current_period_end);
CREATE INDEX subscriptions_user_idx ON subscriptions (tenant_id, user_id);

-- References to members, plans and prices are NO ACTION (checked at the end of a statement):
-- deleting a tenant removes all of them together, while removing one member or plan that has
-- subscriptions or invoices is refused, so no money record loses its subject.

-- Refuses what the lifecycle does not allow: a subscription starts at `signing`, moves only
-- along subscription_transitions, and keeps its member, plan and price.
CREATE FUNCTION atrium_subscription_guard() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state <> 'signing' THEN
      RAISE EXCEPTION 'a subscription starts at signing, not %', NEW.state
        USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_transition';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.user_id <> OLD.user_id OR NEW.plan_id <> OLD.plan_id OR NEW.price_id <> OLD.price_id THEN
    RAISE EXCEPTION 'a subscription keeps its member, plan and price'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_transition';
  END IF;
  IF NEW.state <> OLD.state THEN
    IF NOT EXISTS (SELECT 1 FROM public.subscription_transitions
                   WHERE from_state = OLD.state AND to_state = NEW.state) THEN
      RAISE EXCEPTION 'a subscription cannot go from % to %', OLD.state, NEW.state
        USING ERRCODE = 'check_violation', CONSTRAINT = 'subscriptions_transition';
    END IF;
    IF NEW.state = 'unsigned' THEN
      NEW.ended_at := COALESCE(NEW.ended_at, now());
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER subscriptions_guard BEFORE INSERT OR UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION atrium_subscription_guard();
CREATE TRIGGER subscriptions_touch BEFORE UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- Every state a subscription has been in, with the cause. Written by the trigger below only.
CREATE TABLE subscription_history (
  tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              uuid        NOT NULL DEFAULT gen_random_uuid(),
  subscription_id uuid        NOT NULL,
  from_state      text,
  to_state        text        NOT NULL,
  cause           text        NOT NULL,
  actor_id        uuid,
  reason          text        NOT NULL DEFAULT '',
  at              timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscriptions (tenant_id, id)
    ON DELETE CASCADE
);
CREATE INDEX subscription_history_idx ON subscription_history (tenant_id, subscription_id, at);

-- A definer function owned by the platform role, so the application cannot write or rewrite the
-- history itself (its role may only read it), as with the audit trail (migration 0017).
CREATE FUNCTION atrium_subscription_history() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.state <> OLD.state THEN
    INSERT INTO public.subscription_history
      (tenant_id, subscription_id, from_state, to_state, cause, actor_id, reason)
    VALUES (NEW.tenant_id, NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.state END, NEW.state,
            NEW.last_cause, NEW.last_actor_id, NEW.last_reason);
  END IF;
  RETURN NULL;
END
$$;
GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_subscription_history() OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_subscription_history() FROM PUBLIC;
CREATE TRIGGER subscriptions_history AFTER INSERT OR UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION atrium_subscription_history();

-- What was billed: a subscription's period, or a one-off product. `idempotency_key` names one
-- charge attempt (it is passed to the provider), so a retried job cannot charge twice.
CREATE TABLE invoices (
  tenant_id       uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id              uuid        NOT NULL DEFAULT gen_random_uuid(),
  user_id         uuid        NOT NULL,
  subscription_id uuid,
  product_id      uuid,
  amount_minor    bigint      NOT NULL,
  currency        text        NOT NULL,
  status          text        NOT NULL DEFAULT 'open',
  period_start    timestamptz,
  period_end      timestamptz,
  idempotency_key text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  paid_at         timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, user_id) REFERENCES memberships (tenant_id, user_id),
  FOREIGN KEY (tenant_id, subscription_id) REFERENCES subscriptions (tenant_id, id),
  FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id),
  CONSTRAINT invoices_for_something CHECK ((subscription_id IS NULL) <> (product_id IS NULL)),
  CONSTRAINT invoices_amount_positive CHECK (amount_minor > 0),
  CONSTRAINT invoices_currency_format CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT invoices_status_valid CHECK (status IN ('open', 'paid', 'failed', 'void', 'refunded')),
  CONSTRAINT invoices_paid_has_date CHECK (status NOT IN ('paid', 'refunded') OR paid_at IS NOT NULL)
);
CREATE INDEX invoices_user_idx ON invoices (tenant_id, user_id, created_at DESC);
CREATE INDEX invoices_subscription_idx ON invoices (tenant_id, subscription_id, created_at DESC);
CREATE INDEX invoices_paid_idx ON invoices (tenant_id, paid_at) WHERE status = 'paid';
CREATE TRIGGER invoices_touch BEFORE UPDATE ON invoices
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- Inbound payment events, one row per provider event id: a replayed event conflicts and
-- changes nothing.
CREATE TABLE payment_events (
  tenant_id   uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  event_id    text        NOT NULL,
  kind        text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  -- Whether it changed anything (an event older than the subscription's newest is kept only).
  applied     boolean     NOT NULL DEFAULT false,
  payload     jsonb       NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, event_id),
  CONSTRAINT payment_events_id_length CHECK (length(event_id) BETWEEN 1 AND 200)
);

-- Each tenant's secret for signing inbound payment events (HMAC-SHA256), made by the server
-- from the operating system's random source.
CREATE TABLE payment_settings (
  tenant_id      uuid        PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  webhook_secret text        NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

-- Tenant data: Row-Level Security enabled and forced on every table, as in every migration.
ALTER TABLE plans ENABLE ROW LEVEL SECURITY;
ALTER TABLE plans FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plans TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON plans TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE plan_prices ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_prices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_prices TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON plan_prices TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE plan_courses ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_courses FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_courses TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON plan_courses TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE plan_levels ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_levels FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON plan_levels TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON plan_levels TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE products ENABLE ROW LEVEL SECURITY;
ALTER TABLE products FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON products TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON products TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscriptions TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON subscriptions TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE subscription_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscription_history FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON subscription_history TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON subscription_history TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON invoices TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE payment_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_events TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON payment_events TO atrium_platform USING (true) WITH CHECK (true);

ALTER TABLE payment_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON payment_settings TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON payment_settings TO atrium_platform USING (true) WITH CHECK (true);

GRANT SELECT ON plans, plan_prices, plan_courses, plan_levels, products,
  subscriptions, subscription_history, invoices, payment_events, payment_settings TO atrium_platform;
GRANT SELECT, INSERT, UPDATE ON plans, products, subscriptions, invoices TO atrium_app;
GRANT SELECT, INSERT, DELETE ON plan_courses, plan_levels TO atrium_app;
-- Prices and events are append-only for the application; the history is the trigger's.
GRANT SELECT, INSERT ON plan_prices, payment_events TO atrium_app;
GRANT SELECT ON subscription_history TO atrium_app;
GRANT INSERT ON subscription_history TO atrium_platform;
GRANT UPDATE (applied) ON payment_events TO atrium_app;
GRANT SELECT, INSERT ON payment_settings TO atrium_app;

CREATE TRIGGER plans_audit AFTER INSERT OR UPDATE OR DELETE ON plans
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER plan_prices_audit AFTER INSERT ON plan_prices
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER products_audit AFTER INSERT OR UPDATE OR DELETE ON products
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER subscriptions_audit AFTER INSERT OR UPDATE ON subscriptions
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER invoices_audit AFTER INSERT OR UPDATE ON invoices
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
