CREATE TABLE tenants (
  id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
  slug             text        NOT NULL UNIQUE,
  name             text        NOT NULL,
  status           text        NOT NULL DEFAULT 'active',
  tier             text        NOT NULL DEFAULT 'basic',
  primary_color    text        NOT NULL DEFAULT '#334155',
  secondary_color  text        NOT NULL DEFAULT '#64748B',
  accent_color     text        NOT NULL DEFAULT '#F59E0B',
  logo_url         text,
  favicon_url      text,
  feature_courses      boolean NOT NULL DEFAULT true,
  feature_assessments  boolean NOT NULL DEFAULT false,
  feature_community    boolean NOT NULL DEFAULT false,
  feature_ecommerce    boolean NOT NULL DEFAULT false,
  settings         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  -- A slug is a DNS label, because it doubles as the subdomain.
  CONSTRAINT tenants_slug_format CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  -- Keep in step with RESERVED_SLUGS in app/src/model/slug.rs (a test checks they agree).
  CONSTRAINT tenants_slug_not_reserved CHECK (slug NOT IN (
    'admin', 'api', 'app', 'assets', 'auth', 'console', 'health', 'login', 'logout', 'mail',
    'pkg', 'platform', 'public', 'signin', 'signup', 'static', 'status', 'studio', 'support',
    'uploads', 'www'
  )),
  CONSTRAINT tenants_name_length CHECK (length(btrim(name)) BETWEEN 1 AND 120),
  CONSTRAINT tenants_status_valid CHECK (status IN ('active', 'suspended')),
  CONSTRAINT tenants_tier_valid CHECK (tier IN ('basic', 'premium', 'enterprise')),
  CONSTRAINT tenants_colors_hex CHECK (
    primary_color ~ '^#[0-9A-Fa-f]{6}$' AND secondary_color ~ '^#[0-9A-Fa-f]{6}$'
    AND accent_color ~ '^#[0-9A-Fa-f]{6}$'),
  -- Branding assets: https URLs or uploaded asset paths only, with no characters that could
  -- break out of an attribute or a CSS url().
  CONSTRAINT tenants_logo_url_safe CHECK (logo_url IS NULL OR (
    logo_url ~ '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/+=&?-]*)?|/assets/[A-Za-z0-9._/-]+)$'
    AND logo_url !~ '\.\.')),
  CONSTRAINT tenants_favicon_url_safe CHECK (favicon_url IS NULL OR (
    favicon_url ~ '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/+=&?-]*)?|/assets/[A-Za-z0-9._/-]+)$'
    AND favicon_url !~ '\.\.')),
  CONSTRAINT tenants_settings_object CHECK (jsonb_typeof(settings) = 'object')
);

CREATE TRIGGER tenants_touch BEFORE UPDATE ON tenants
  FOR EACH ROW EXECUTE FUNCTION atrium_touch_updated_at();

-- Custom domains. A host maps to one tenant and only counts once verified.
CREATE TABLE tenant_domains (
  tenant_id          uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  host               text        NOT NULL,
  verification_token text        NOT NULL,
  verified_at        timestamptz,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, host),
  CONSTRAINT tenant_domains_host_unique UNIQUE (host),
  CONSTRAINT tenant_domains_host_format CHECK (
    host ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$' AND length(host) <= 253),
  CONSTRAINT tenant_domains_token_length CHECK (length(verification_token) >= 16)
);

-- The tenants row itself: a tenant sees and edits only its own row, and only the columns a
-- tenant admin may change (slug, status and tier are the platform's).
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenants TO atrium_app
  USING (id = (SELECT app_current_tenant()))
  WITH CHECK (id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON tenants TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT ON tenants TO atrium_app;
GRANT UPDATE (name, primary_color, secondary_color, accent_color, logo_url, favicon_url,
  feature_courses, feature_assessments, feature_community, feature_ecommerce, settings)
  ON tenants TO atrium_app;
GRANT SELECT, INSERT, UPDATE ON tenants TO atrium_platform;

ALTER TABLE tenant_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenant_domains FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tenant_domains TO atrium_app
  USING (tenant_id = (SELECT app_current_tenant()))
  WITH CHECK (tenant_id = (SELECT app_current_tenant()));
CREATE POLICY platform_access ON tenant_domains TO atrium_platform
  USING (true) WITH CHECK (true);
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_domains TO atrium_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON tenant_domains TO atrium_platform;

-- Tenant resolution runs before any tenant is known, so it goes through two narrow definer
-- functions owned by atrium_platform instead of a policy that would open the tables to everyone.
CREATE FUNCTION atrium_tenant_by_slug(p_slug text) RETURNS SETOF tenants
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT * FROM public.tenants WHERE slug = p_slug
$$;

CREATE FUNCTION atrium_tenant_by_domain(p_host text) RETURNS SETOF tenants
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
  SELECT t.*
  FROM public.tenants t
  JOIN public.tenant_domains d ON d.tenant_id = t.id
  WHERE d.host = lower(p_host) AND d.verified_at IS NOT NULL
$$;

-- A new owner needs CREATE on the schema at the moment of the change, and only then.
GRANT CREATE ON SCHEMA public TO atrium_platform;
ALTER FUNCTION atrium_tenant_by_slug(text) OWNER TO atrium_platform;
ALTER FUNCTION atrium_tenant_by_domain(text) OWNER TO atrium_platform;
REVOKE CREATE ON SCHEMA public FROM atrium_platform;
REVOKE ALL ON FUNCTION atrium_tenant_by_slug(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION atrium_tenant_by_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION atrium_tenant_by_slug(text) TO atrium_app;
GRANT EXECUTE ON FUNCTION atrium_tenant_by_domain(text) TO atrium_app;
