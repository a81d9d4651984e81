//! The benchmark's reference: the least a server can do to show a tenant's course catalog with
//! the same isolation — an axum handler that opens a tenant transaction, sets the tenant, runs
//! the catalog's query and writes a plain HTML list. No sessions, no Leptos, no cache layers.
//! `scripts/bench` divides Atrium's figures by this one's, so the ratio means something on any
//! machine. Not part of the product.
//!
//! Usage: bench_bare <app database URL> <listen address> <tenant slug>

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use sea_orm::sqlx::postgres::{PgPool, PgPoolOptions};
use sea_orm::sqlx::{self, Row};
use std::fmt::Write;
use std::process::ExitCode;

/// The same query Atrium's catalog runs (see `courses::list_visible`).
const CATALOG: &str = "SELECT c.slug, c.title, c.summary, \
     (SELECT count(*) FROM lessons l WHERE l.tenant_id = c.tenant_id \
      AND l.course_id = c.id AND l.published) AS lesson_count \
     FROM courses c WHERE c.tenant_id = $1 AND c.status = 'published' \
     AND c.access_level = 'public' ORDER BY c.published_at DESC, c.title";

#[derive(Clone)]
struct Bare {
    pool: PgPool,
    tenant: uuid::Uuid,
}

async fn catalog(State(bare): State<Bare>) -> Response {
    match render(&bare).await {
        Ok(html) => Html(html).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn render(bare: &Bare) -> Result<String, sqlx::Error> {
    let mut tx = bare.pool.begin().await?;
    sqlx::query(
        "SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', '', true)",
    )
    .bind(bare.tenant.to_string())
    .execute(&mut *tx)
    .await?;
    let rows = sqlx::query(CATALOG)
        .bind(bare.tenant)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut html = String::from("<!DOCTYPE html><html><body><h1>Courses</h1><ul>");
    for row in rows {
        let title: String = row.try_get("title")?;
        let summary: String = row.try_get("summary")?;
        let lessons: i64 = row.try_get("lesson_count")?;
        let _ = write!(
            html,
            "<li><h2>{}</h2><p>{}</p><span>{lessons} lessons</span></li>",
            escape(&title),
            escape(&summary)
        );
    }
    html.push_str("</ul></body></html>");
    Ok(html)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, listen, slug] = args.as_slice() else {
        eprintln!("usage: bench_bare <app database URL> <listen address> <tenant slug>");
        return ExitCode::FAILURE;
    };
    match run(url, listen, slug).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_bare: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(url: &str, listen: &str, slug: &str) -> Result<(), Box<dyn std::error::Error>> {
    // Sized like Atrium's default pool.
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .connect(url)
        .await?;
    let tenant: uuid::Uuid = sqlx::query("SELECT id FROM atrium_tenant_by_slug($1)")
        .bind(slug)
        .fetch_one(&pool)
        .await?
        .try_get("id")?;
    let app = Router::new()
        .route("/catalog", get(catalog))
        .with_state(Bare { pool, tenant });
    let listener = tokio::net::TcpListener::bind(listen).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
