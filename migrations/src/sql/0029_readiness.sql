-- Readiness (issue 12): `/ready` compares the newest applied migration with the build's, as the
-- application role, which may read the migration table and nothing more of it.
GRANT SELECT ON seaql_migrations TO atrium_app;
