-- Tenant admins upload their logo and favicon: the files live in the tenant's media folder, so a
-- branding address may also be `/media/<32 hex>.<ext>`, resolved inside the tenant's portal.
ALTER TABLE tenants DROP CONSTRAINT tenants_logo_url_safe;
ALTER TABLE tenants DROP CONSTRAINT tenants_favicon_url_safe;
ALTER TABLE tenants ADD CONSTRAINT tenants_logo_url_safe CHECK (logo_url IS NULL OR (
  (logo_url ~ '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/+=&?-]*)?|/assets/[A-Za-z0-9._/-]+)$'
   OR logo_url ~ '^/media/[0-9a-f]{32}\.(png|jpg|gif|webp)$')
  AND logo_url !~ '\.\.'));
ALTER TABLE tenants ADD CONSTRAINT tenants_favicon_url_safe CHECK (favicon_url IS NULL OR (
  (favicon_url ~ '^(https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/+=&?-]*)?|/assets/[A-Za-z0-9._/-]+)$'
   OR favicon_url ~ '^/media/[0-9a-f]{32}\.(png|jpg|gif|webp)$')
  AND favicon_url !~ '\.\.'));
