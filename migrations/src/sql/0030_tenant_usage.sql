-- Per-tenant usage by minute (issue 12): what each tenant costs the platform, without a
-- per-tenant label in Prometheus. Every instance adds its own counts for a minute to the same row
-- (the upsert below adds, never overwrites), and latency is kept as counts per bucket so the
-- p95 of several instances' requests together can still be read.
CREATE TABLE tenant_usage (
  tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  minute timestamptz NOT NULL,
  requests integer NOT NULL DEFAULT 0 CHECK (requests >= 0),
  -- Responses with a 5xx status.
  errors integer NOT NULL DEFAULT 0 CHECK (errors >= 0),
  -- 429s: requests refused by the tenant's rate limits.
  limited integer NOT NULL DEFAULT 0 CHECK (limited >= 0),
  -- Time spent waiting on the database, in microseconds.
  db_micros bigint NOT NULL DEFAULT 0 CHECK (db_micros >= 0),
  -- Requests per latency bucket; the buckets' upper bounds are the application's
  -- (`app::data::repos::usage::BUCKETS_MS`).
  latency_buckets integer[] NOT NULL,
  PRIMARY KEY (tenant_id, minute),
  CONSTRAINT tenant_usage_on_the_minute CHECK (minute = date_trunc('minute', minute))
);
CREATE INDEX tenant_usage_minute_idx ON tenant_usage (minute);

-- Two count arrays added element by element (a missing element counts as 0).
CREATE FUNCTION atrium_add_counts(a integer[], b integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
AS $$
  SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY i), '{}')
  FROM unnest(a, b) WITH ORDINALITY AS t(x, y, i)
$$;

ALTER TABLE tenant_usage ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_usage FORCE ROW LEVEL SECURITY;
-- A tenant may read its own usage (its export includes it); only the platform writes it.
CREATE POLICY tenant_isolation ON tenant_usage TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON tenant_usage TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT ON tenant_usage TO atrium_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_usage TO atrium_platform;
