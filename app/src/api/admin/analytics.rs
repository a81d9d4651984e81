//! The tenant's dashboard: active learners, enrolments and completions per week, completion per
//! course, quiz pass rates and (with the shop on) revenue per month — and each chart as CSV.

use crate::error::AppError;
use crate::model::analytics::TenantAnalytics;
use leptos::server;

#[cfg(feature = "ssr")]
pub mod imp {
    use crate::data::repos::tenant_analytics as figures;
    use crate::domain::guards;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::model::analytics::{TenantAnalytics, percent};
    use crate::model::console::money;
    use crate::model::csv::line;
    use crate::request::TenantScope;

    pub async fn load(scope: &TenantScope) -> Result<TenantAnalytics, AppError> {
        guards::admin(scope)?;
        let selling = scope.tenant().features().has(Feature::Ecommerce);
        let tx = scope.begin().await?;
        let active = figures::active_learners(&tx).await?;
        let weeks = figures::weeks(&tx).await?;
        let courses = figures::completion_by_course(&tx).await?;
        let quizzes = figures::quiz_pass_rates(&tx).await?;
        let revenue = if selling {
            Some(figures::revenue(&tx).await?)
        } else {
            None
        };
        tx.commit().await?;
        Ok(TenantAnalytics {
            active_7: active.week,
            active_30: active.month,
            weeks: weeks
                .into_iter()
                .map(|w| (w.label, w.enrolments, w.completions))
                .collect(),
            courses: courses
                .into_iter()
                .map(|c| (c.title, c.enrolled, c.completed))
                .collect(),
            quizzes: quizzes
                .into_iter()
                .map(|q| (q.title, q.takers, q.passed))
                .collect(),
            revenue: revenue.map(|r| r.into_iter().map(|m| (m.label, m.cents)).collect()),
        })
    }

    /// One chart's figures as CSV (formula-safe); `NotFound` for an unknown chart, or revenue
    /// without the shop.
    pub async fn csv(scope: &TenantScope, chart: &str) -> Result<String, AppError> {
        let a = load(scope).await?;
        let mut out = String::new();
        match chart {
            "weeks" => {
                out.push_str(&line(["Week starting", "Enrolments", "Completions"]));
                for (label, e, c) in a.weeks {
                    out.push_str(&line([label, e.to_string(), c.to_string()]));
                }
            }
            "courses" => {
                out.push_str(&line(["Course", "Enrolled", "Completed", "Completion %"]));
                for (title, e, c) in a.courses {
                    out.push_str(&line([
                        title,
                        e.to_string(),
                        c.to_string(),
                        percent(c, e).to_string(),
                    ]));
                }
            }
            "quizzes" => {
                out.push_str(&line(["Quiz", "Took it", "Passed", "Pass %"]));
                for (title, t, p) in a.quizzes {
                    out.push_str(&line([
                        title,
                        t.to_string(),
                        p.to_string(),
                        percent(p, t).to_string(),
                    ]));
                }
            }
            "revenue" => {
                let months = a.revenue.ok_or(AppError::NotFound)?;
                out.push_str(&line(["Month", "Revenue"]));
                for (label, cents) in months {
                    out.push_str(&line([label, money(cents)]));
                }
            }
            _ => return Err(AppError::NotFound),
        }
        Ok(out)
    }
}

/// This tenant's figures, for its admins.
#[server]
pub async fn admin_analytics() -> Result<TenantAnalytics, AppError> {
    crate::request::serve(async |scope| imp::load(scope).await).await
}
