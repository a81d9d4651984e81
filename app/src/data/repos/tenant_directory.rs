//! The console's tenant list: one query per page, whatever the number of tenants. Counts come
//! from `tenant_counters` (kept by triggers); the page's custom domains, active learners and
//! revenue are looked up for that page's rows only, inside the same statement. Pages follow each
//! other by keyset (the last row's sort value and id), never by OFFSET.

use crate::data::db::PlatformTx;
use crate::model::console::{ListCursor, TenantListQuery, TenantSort};
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

#[derive(Debug, Clone, FromQueryResult)]
pub struct Row {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub tier: String,
    pub created_at: chrono::DateTime<chrono::FixedOffset>,
    pub members: i64,
    pub courses: i64,
    pub enrolments: i64,
    pub domain_hosts: Option<Vec<String>>,
    pub active_learners: i64,
    pub revenue_cents: i64,
    pub active_subscriptions: i64,
    /// The sort value as text, for the next page's cursor.
    pub sort_key: String,
}

/// The sort expression, the SQL type its cursor value is read back as, and the id column that
/// breaks ties (the one in the same index as the expression).
fn sort_column(sort: TenantSort) -> (&'static str, &'static str, &'static str) {
    match sort {
        TenantSort::Name => ("lower(t.name)", "text", "t.id"),
        TenantSort::Created => ("t.created_at", "timestamptz", "t.id"),
        TenantSort::Members => ("c.members", "bigint", "c.tenant_id"),
        TenantSort::Courses => ("c.courses", "bigint", "c.tenant_id"),
        TenantSort::Enrolments => ("c.enrolments", "bigint", "c.tenant_id"),
    }
}

/// `%text%` for ILIKE, with the pattern characters in `text` taken literally.
fn contains_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The statement for one page of `per_page` rows (one more is read to know whether a next page
/// exists). Only bound values come from the query; the SQL text is chosen from fixed pieces.
fn statement(query: &TenantListQuery, per_page: u64) -> Statement {
    let (key, key_type, tie) = sort_column(query.sort);
    let dir = if query.sort.descending() {
        "DESC"
    } else {
        "ASC"
    };
    let mut values: Vec<Value> = Vec::new();
    let mut filters: Vec<String> = Vec::new();
    let mut bind = |v: Value| {
        values.push(v);
        format!("${}", values.len())
    };
    let search = query.search.trim();
    if !search.is_empty() {
        let p = bind(contains_pattern(search).into());
        filters.push(format!(
            "(t.name ILIKE {p} OR t.slug ILIKE {p} OR EXISTS (SELECT 1 FROM tenant_domains d \
             WHERE d.tenant_id = t.id AND d.host ILIKE {p}))"
        ));
    }
    if let Some(status) = query.status {
        let p = bind(status.as_str().into());
        filters.push(format!("t.status = {p}"));
    }
    if let Some(tier) = query.tier {
        let p = bind(tier.as_str().into());
        filters.push(format!("t.tier = {p}"));
    }
    if let Some(ListCursor { value, id }) = &query.after {
        let (v, i) = (bind(value.clone().into()), bind((*id).into()));
        let cmp = if query.sort.descending() { "<" } else { ">" };
        filters.push(format!("({key}, {tie}) {cmp} ({v}::{key_type}, {i})"));
    }
    let limit = bind(i64::try_from(per_page + 1).unwrap_or(i64::MAX).into());
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    let sql = format!(
        "WITH page AS (
           SELECT t.id, t.slug, t.name, t.status, t.tier, t.created_at,
                  c.members, c.courses, c.enrolments, c.domains, {key} AS sort_value
           FROM tenants t JOIN tenant_counters c ON c.tenant_id = t.id
           {filter}
           ORDER BY {key} {dir}, {tie} {dir}
           LIMIT {limit})
         SELECT p.id, p.slug, p.name, p.status, p.tier, p.created_at,
                p.members, p.courses, p.enrolments, p.sort_value::text AS sort_key,
                CASE WHEN p.domains > 0 THEN (SELECT array_agg(d.host ORDER BY d.host)
                  FROM tenant_domains d WHERE d.tenant_id = p.id) END AS domain_hosts,
                (SELECT count(DISTINCT lp.user_id) FROM lesson_progress lp
                  WHERE lp.tenant_id = p.id
                    AND lp.last_viewed_at > now() - interval '30 days') AS active_learners,
                (SELECT coalesce(sum(i.amount_minor), 0)::bigint FROM invoices i
                  WHERE i.tenant_id = p.id AND i.status = 'paid'
                    AND i.paid_at > now() - interval '30 days') AS revenue_cents,
                (SELECT count(*) FROM subscriptions s
                  WHERE s.tenant_id = p.id AND s.state = 'signed') AS active_subscriptions
         FROM page p
         ORDER BY p.sort_value {dir}, p.id {dir}"
    );
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

/// One page of the list and, when there is more, where the next page starts.
pub async fn page(
    tx: &PlatformTx,
    query: &TenantListQuery,
    per_page: u64,
) -> Result<(Vec<Row>, Option<ListCursor>), DbErr> {
    let mut rows = Row::find_by_statement(statement(query, per_page))
        .all(tx.conn())
        .await?;
    let more = rows.len() as u64 > per_page;
    rows.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
    let next = rows.last().filter(|_| more).map(|r| ListCursor {
        value: r.sort_key.clone(),
        id: r.id,
    });
    Ok((rows, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_bound_and_its_wildcards_are_literal() {
        let query = TenantListQuery {
            search: "50%_off'; --".into(),
            ..Default::default()
        };
        let stmt = statement(&query, 50);
        assert!(
            !stmt.sql.contains("50%"),
            "search text must not be in the SQL"
        );
        let values = stmt.values.expect("values").0;
        assert_eq!(values[0], Value::from("%50\\%\\_off'; --%"));
    }
}
