-- The audit trail kept by the database: every insert, update and delete on the tables that
-- matter is written to the tenant's `audit_log` by a trigger, with the row before and after
-- (secrets left out), the acting person (`app.user_id`) and, during a support session, the super
-- admin behind it (`app.impersonator_id`), both set per transaction with set_config(..., true)
-- like the tenant. The application can neither skip it nor rewrite it: the table stays
-- append-only for its role, and the trigger writes through a definer function.

ALTER TABLE audit_log
  ADD COLUMN impersonator_id uuid  REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN table_name      text,
  ADD COLUMN row_before      jsonb,
  ADD COLUMN row_after       jsonb;
-- The console's platform-wide trail pages by time across tenants.
CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, created_at DESC);
CREATE INDEX platform_audit_actor_idx ON platform_audit (actor_user_id, created_at DESC);

CREATE FUNCTION atrium_setting_uuid(name text) RETURNS uuid
LANGUAGE sql STABLE
AS $$
  SELECT CASE WHEN s ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              THEN s::uuid END
  FROM (SELECT current_setting(name, true) AS s) setting
$$;

CREATE FUNCTION atrium_audit_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
DECLARE
  secrets  text[] := ARRAY['token_hash', 'password_hash', 'verification_token', 'entry_token_hash'];
  before   jsonb;
  after    jsonb;
  subject  jsonb;
  tenant   uuid;
BEGIN
  IF TG_OP <> 'INSERT' THEN before := to_jsonb(OLD) - secrets; END IF;
  IF TG_OP <> 'DELETE' THEN after := to_jsonb(NEW) - secrets; END IF;
  -- A save that changed nothing but its timestamp is not an event.
  IF TG_OP = 'UPDATE' AND (before - 'updated_at') = (after - 'updated_at') THEN
    RETURN NULL;
  END IF;
  subject := COALESCE(after, before);
  tenant := CASE WHEN TG_TABLE_NAME = 'tenants' THEN (subject ->> 'id')::uuid
                 ELSE (subject ->> 'tenant_id')::uuid END;
  -- Rows removed because their tenant is being deleted leave no trail in it (it goes too; the
  -- deletion itself is in the platform's trail).
  IF NOT EXISTS (SELECT 1 FROM public.tenants WHERE id = tenant) THEN
    RETURN NULL;
  END IF;
  INSERT INTO public.audit_log
    (tenant_id, actor_user_id, impersonator_id, action, subject, table_name, row_before, row_after)
  VALUES (
    tenant,
    public.atrium_setting_uuid('app.user_id'),
    public.atrium_setting_uuid('app.impersonator_id'),
    'row.' || TG_TABLE_NAME || '.' || lower(TG_OP),
    COALESCE(subject ->> 'id', subject ->> 'user_id', subject ->> 'host', ''),
    TG_TABLE_NAME,
    before,
    after
  );
  RETURN NULL;
END
$$;

GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_audit_row() OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_audit_row() FROM PUBLIC;

CREATE TRIGGER tenants_audit AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER tenant_domains_audit AFTER INSERT OR UPDATE OR DELETE ON tenant_domains
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER memberships_audit AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER courses_audit AFTER INSERT OR UPDATE OR DELETE ON courses
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER modules_audit AFTER INSERT OR UPDATE OR DELETE ON modules
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER lessons_audit AFTER INSERT OR UPDATE OR DELETE ON lessons
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE OR DELETE ON orders
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER quizzes_audit AFTER INSERT OR UPDATE OR DELETE ON quizzes
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER quiz_questions_audit AFTER INSERT OR UPDATE OR DELETE ON quiz_questions
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
CREATE TRIGGER invitations_audit AFTER INSERT OR UPDATE OR DELETE ON invitations
  FOR EACH ROW EXECUTE FUNCTION atrium_audit_row();
