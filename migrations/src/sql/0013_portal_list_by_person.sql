-- Every signed-in page lists the person's portals (the portal switcher). Find their memberships
-- through an index instead of scanning every membership of every tenant, and in PL/pgSQL, whose
-- plan each connection keeps (a SECURITY DEFINER SQL function is planned again on every call).
CREATE INDEX memberships_user_idx ON memberships (user_id);

CREATE OR REPLACE FUNCTION atrium_user_portals(p_user uuid)
RETURNS TABLE (slug text, name text, role text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, public
AS $$
BEGIN
  RETURN QUERY
    SELECT t.slug, t.name, m.role
    FROM public.memberships m
    JOIN public.tenants t ON t.id = m.tenant_id
    WHERE m.user_id = p_user AND t.status = 'active'
    ORDER BY t.name;
END
$$;
