//! The tenant's audit log for its admins: its members' actions, row changes and super admins'
//! support sessions, newest first, by actor and action, 50 a page, and as CSV.

use crate::error::AppError;
use crate::model::audit_trail::AuditTrailPage;
use leptos::server;

/// Entries per page.
pub const PER_PAGE: u64 = 50;
/// Rows in one CSV download at most (the newest).
pub const CSV_ROWS: u64 = 10_000;

#[cfg(feature = "ssr")]
pub mod imp {
    use super::{CSV_ROWS, PER_PAGE};
    use crate::data::repos::audit_trail::{self, Row};
    use crate::data::repos::tenant_audit::{self, Filter};
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::audit_trail::{AuditEntry, AuditTrailPage};
    use crate::request::TenantScope;

    /// The filter from the page's fields; a problem to show when an actor names nobody here.
    async fn filter(
        tx: &crate::data::TenantTx,
        actor: &str,
        action: &str,
        after: Option<&str>,
    ) -> Result<Result<Filter, String>, AppError> {
        let actor = match actor.trim() {
            "" => None,
            email => match tenant_audit::person_by_email(tx, email).await? {
                Some(id) => Some(id),
                None => {
                    return Ok(Err(format!(
                        "No member has the address \u{201c}{email}\u{201d}."
                    )));
                }
            },
        };
        let after = after.and_then(audit_trail::parse_cursor);
        Ok(Ok(Filter {
            actor,
            action: Some(action.trim().to_owned()).filter(|a| !a.is_empty()),
            after,
        }))
    }

    fn entry(row: Row) -> AuditEntry {
        AuditEntry {
            at: row.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            note: row.note(),
            source: row.source,
            tenant: None,
            actor: row.actor_email,
            impersonator: row.impersonator_email,
            action: row.action,
        }
    }

    pub async fn page(
        scope: &TenantScope,
        actor: &str,
        action: &str,
        after: Option<&str>,
    ) -> Result<AuditTrailPage, AppError> {
        guards::admin(scope)?;
        let tx = scope.begin().await?;
        let filter = match filter(&tx, actor, action, after).await? {
            Ok(f) => f,
            Err(problem) => {
                tx.commit().await?;
                return Ok(AuditTrailPage {
                    problem: Some(problem),
                    ..AuditTrailPage::default()
                });
            }
        };
        let mut rows = tenant_audit::page(&tx, &filter, PER_PAGE + 1).await?;
        tx.commit().await?;
        let next = audit_trail::keep_page(&mut rows, PER_PAGE);
        Ok(AuditTrailPage {
            entries: rows.into_iter().map(entry).collect(),
            next,
            problem: None,
        })
    }

    /// The newest entries matching the filter as CSV (formula-safe).
    pub async fn csv(scope: &TenantScope, actor: &str, action: &str) -> Result<String, AppError> {
        use crate::model::csv::line;
        guards::admin(scope)?;
        let tx = scope.begin().await?;
        let filter = match filter(&tx, actor, action, None).await? {
            Ok(f) => f,
            Err(problem) => return Err(AppError::BadRequest(problem)),
        };
        let rows = tenant_audit::page(&tx, &filter, CSV_ROWS).await?;
        tx.commit().await?;
        let mut out = line(["Time", "Actor", "Support session by", "Action", "Details"]);
        for e in rows.into_iter().map(entry) {
            out.push_str(&line([
                e.at,
                e.actor.unwrap_or_default(),
                e.impersonator.unwrap_or_default(),
                e.action,
                e.note,
            ]));
        }
        Ok(out)
    }
}

/// One page of the tenant's audit log.
#[server]
pub async fn admin_audit(
    #[server(default)] actor: String,
    #[server(default)] action: String,
    after: Option<String>,
) -> Result<AuditTrailPage, AppError> {
    crate::request::serve(async |scope| imp::page(scope, &actor, &action, after.as_deref()).await)
        .await
}
