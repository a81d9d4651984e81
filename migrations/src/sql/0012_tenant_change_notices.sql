-- Every change to a tenant or its domains is announced on the `atrium_tenants` channel, so each
-- server instance can forget the tenants it keeps in memory (app/src/data/tenant_cache.rs).
-- Statement-level: one notice per statement, and PostgreSQL folds equal notices of one
-- transaction into one, delivered at commit.
CREATE FUNCTION atrium_announce_tenant_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify('atrium_tenants', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER tenants_announce AFTER INSERT OR UPDATE OR DELETE ON tenants
  FOR EACH STATEMENT EXECUTE FUNCTION atrium_announce_tenant_change();
CREATE TRIGGER tenant_domains_announce AFTER INSERT OR UPDATE OR DELETE ON tenant_domains
  FOR EACH STATEMENT EXECUTE FUNCTION atrium_announce_tenant_change();
