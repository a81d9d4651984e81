-- Renewals and dunning run as jobs of the tenant they bill (issue 11). A tenant transaction
-- schedules the next renewal in the same commit that signs a subscription, so the restrictive
-- policy of migration 0020 now lets a tenant enqueue its own `billing.*` jobs as well as its
-- mail, and still nothing else (never, say, its own deletion).
DROP POLICY app_enqueues_mail_only ON jobs;
CREATE POLICY app_enqueues_mail_and_billing_only ON jobs AS RESTRICTIVE FOR INSERT TO atrium_app
  WITH CHECK (kind LIKE 'mail.%' OR kind LIKE 'billing.%');
