//! The platform-wide audit trail for the console: `platform_audit` (what super admins did) and
//! every tenant's `audit_log` (application events, row changes, support requests), merged newest
//! first. Each side is filtered and limited on its own indexes before the merge, and pages follow
//! each other by keyset (time, id), never by OFFSET.

use crate::data::db::PlatformTx;
use chrono::{DateTime, Utc};
use sea_orm::{DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub tenant: Option<Uuid>,
    pub actor: Option<Uuid>,
    /// Actions starting with this.
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    /// Before this moment.
    pub until: Option<DateTime<Utc>>,
    /// Older than this (time, id): the previous page's last entry.
    pub after: Option<(DateTime<Utc>, Uuid)>,
}

#[derive(Debug, Clone, FromQueryResult)]
pub struct Row {
    pub source: String,
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub tenant_slug: Option<String>,
    pub actor_email: Option<String>,
    pub impersonator_email: Option<String>,
    pub action: String,
    pub note: String,
    pub row_before: Option<serde_json::Value>,
    pub row_after: Option<serde_json::Value>,
}

impl Row {
    /// The entry's subject and, for a row change, which columns changed.
    pub fn note(&self) -> String {
        match (&self.row_before, &self.row_after) {
            (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(after))) => {
                let changed: Vec<&str> = after
                    .iter()
                    .filter(|(k, v)| k.as_str() != "updated_at" && before.get(*k) != Some(*v))
                    .map(|(k, _)| k.as_str())
                    .collect();
                format!("{} — changed: {}", self.note, changed.join(", "))
            }
            _ => self.note.clone(),
        }
    }
}

/// Where a page starts, from the cursor `keep_page` gave out (anything else: the first page).
pub fn parse_cursor(raw: &str) -> Option<(DateTime<Utc>, Uuid)> {
    let cursor = crate::model::console::ListCursor::parse(raw)?;
    let at = DateTime::parse_from_rfc3339(&cursor.value).ok()?;
    Some((at.with_timezone(&Utc), cursor.id))
}

/// Cuts a page read with one row to spare down to `per_page`, and returns the cursor of the next
/// (older) page when that spare row was there.
pub fn keep_page(rows: &mut Vec<Row>, per_page: u64) -> Option<String> {
    if rows.len() as u64 <= per_page {
        return None;
    }
    rows.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
    rows.last().map(|r| {
        crate::model::console::ListCursor {
            value: r
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
            id: r.id,
        }
        .encode()
    })
}

pub(crate) fn like_prefix(prefix: &str) -> String {
    let escaped: String = prefix
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("{escaped}%")
}

/// The conditions shared by both sides, with their values appended to `values`.
fn conditions(filter: &Filter, values: &mut Vec<Value>) -> String {
    let mut sql = String::from("TRUE");
    let mut add = |clause: &str, value: Value, values: &mut Vec<Value>| {
        values.push(value);
        sql.push_str(&clause.replace('?', &format!("${}", values.len())));
    };
    if let Some(tenant) = filter.tenant {
        add(" AND x.tenant_id = ?", tenant.into(), values);
    }
    if let Some(actor) = filter.actor {
        add(" AND x.actor_user_id = ?", actor.into(), values);
    }
    if let Some(action) = &filter.action {
        add(" AND x.action LIKE ?", like_prefix(action).into(), values);
    }
    if let Some(from) = filter.from {
        add(" AND x.created_at >= ?", from.into(), values);
    }
    if let Some(until) = filter.until {
        add(" AND x.created_at < ?", until.into(), values);
    }
    if let Some((at, id)) = filter.after {
        values.push(at.into());
        values.push(id.into());
        sql.push_str(&format!(
            " AND (x.created_at, x.id) < (${}, ${})",
            values.len() - 1,
            values.len()
        ));
    }
    sql
}

/// Up to `limit` entries, newest first.
pub async fn page(tx: &PlatformTx, filter: &Filter, limit: u64) -> Result<Vec<Row>, DbErr> {
    let mut values = Vec::new();
    let console = conditions(filter, &mut values);
    let portal = conditions(filter, &mut values);
    values.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
    let limit = format!("${}", values.len());
    let sql = format!(
        "SELECT e.source, e.id, e.created_at, t.slug AS tenant_slug, u.email AS actor_email, \
                i.email AS impersonator_email, e.action, e.note, e.row_before, e.row_after \
         FROM ( \
           (SELECT 'console' AS source, x.id, x.created_at, x.tenant_id, x.actor_user_id, \
                   NULL::uuid AS impersonator_id, x.action, x.reason AS note, \
                   NULL::jsonb AS row_before, NULL::jsonb AS row_after \
            FROM platform_audit x WHERE {console} \
            ORDER BY x.created_at DESC, x.id DESC LIMIT {limit}) \
           UNION ALL \
           (SELECT 'portal', x.id, x.created_at, x.tenant_id, x.actor_user_id, \
                   x.impersonator_id, x.action, x.subject, x.row_before, x.row_after \
            FROM audit_log x WHERE {portal} \
            ORDER BY x.created_at DESC, x.id DESC LIMIT {limit}) \
         ) e \
         LEFT JOIN tenants t ON t.id = e.tenant_id \
         LEFT JOIN users u ON u.id = e.actor_user_id \
         LEFT JOIN users i ON i.id = e.impersonator_id \
         ORDER BY e.created_at DESC, e.id DESC LIMIT {limit}"
    );
    Row::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        &sql,
        values,
    ))
    .all(tx.conn())
    .await
}

/// The person with `email`, for the actor filter.
pub async fn person_by_email(tx: &PlatformTx, email: &str) -> Result<Option<Uuid>, DbErr> {
    #[derive(FromQueryResult)]
    struct Found {
        id: Uuid,
    }
    Ok(Found::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT id FROM users WHERE lower(email) = lower($1)",
        [email.trim().into()],
    ))
    .one(tx.conn())
    .await?
    .map(|f| f.id))
}
