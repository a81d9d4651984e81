//! The platform-wide audit trail in the console: filters, keyset pages.

use crate::error::AppError;
use crate::model::audit_trail::{AuditQuery, AuditTrailPage};
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::console::ConsoleScope;
    use crate::data::repos::audit_trail::{self, Filter};
    use crate::data::repos::tenants;
    use crate::error::AppError;
    use crate::model::audit_trail::{AuditEntry, AuditQuery, AuditTrailPage};
    use chrono::{DateTime, NaiveDate, Utc};

    const PER_PAGE: u64 = 50;

    fn day(text: &str) -> Result<Option<DateTime<Utc>>, String> {
        match text.trim() {
            "" => Ok(None),
            t => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|d| Some(d.and_utc()))
                .ok_or_else(|| "Give dates as YYYY-MM-DD.".to_owned()),
        }
    }

    pub async fn page(
        scope: &ConsoleScope,
        query: &AuditQuery,
    ) -> Result<AuditTrailPage, AppError> {
        let mut problem = None;
        let from = day(&query.from).unwrap_or_else(|e| {
            problem = Some(e);
            None
        });
        // "To" is inclusive: entries before the next day's start.
        let until = day(&query.to)
            .unwrap_or_else(|e| {
                problem = Some(e);
                None
            })
            .map(|d| d + chrono::Duration::days(1));
        let after = query.after.as_deref().and_then(audit_trail::parse_cursor);
        let tx = scope.read("console.audit.viewed", None).await?;
        let tenant = match query.tenant.trim() {
            "" => None,
            slug => match tenants::find_by_slug(&tx, slug).await? {
                Some(t) => Some(t.id),
                None => {
                    problem = Some(format!("No tenant is called \u{201c}{slug}\u{201d}."));
                    None
                }
            },
        };
        let actor = match query.actor.trim() {
            "" => None,
            email => match audit_trail::person_by_email(&tx, email).await? {
                Some(id) => Some(id),
                None => {
                    problem = Some(format!("Nobody has the address \u{201c}{email}\u{201d}."));
                    None
                }
            },
        };
        if problem.is_some() {
            tx.commit().await?;
            return Ok(AuditTrailPage {
                problem,
                ..AuditTrailPage::default()
            });
        }
        let action = Some(query.action.trim().to_owned()).filter(|a| !a.is_empty());
        let filter = Filter {
            tenant,
            actor,
            action,
            from,
            until,
            after,
        };
        let mut rows = audit_trail::page(&tx, &filter, PER_PAGE + 1).await?;
        tx.commit().await?;
        let next = audit_trail::keep_page(&mut rows, PER_PAGE);
        let entries = rows
            .into_iter()
            .map(|row| AuditEntry {
                at: row.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                note: row.note(),
                source: row.source,
                tenant: row.tenant_slug,
                actor: row.actor_email,
                impersonator: row.impersonator_email,
                action: row.action,
            })
            .collect();
        Ok(AuditTrailPage {
            entries,
            next,
            problem: None,
        })
    }
}

/// A page of the platform-wide audit trail.
#[server(prefix = "/console/api", endpoint = "audit")]
pub async fn console_audit(query: AuditQuery) -> Result<AuditTrailPage, AppError> {
    use crate::auth::console::serve_console;
    serve_console(async |scope| imp::page(scope, &query).await).await
}
