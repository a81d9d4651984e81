//! Per-tenant usage by minute (`tenant_usage`), written by every instance's telemetry and read by
//! the console's "Noisy neighbours" view. Written and read across tenants: platform role only.

use crate::data::db::{Db, PlatformTx};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, FromQueryResult, Statement, Value};
use uuid::Uuid;

/// Upper bounds (milliseconds) of the latency buckets; one more bucket holds everything slower.
pub const BUCKETS_MS: [u32; 16] = [
    1, 2, 3, 5, 8, 13, 20, 30, 50, 80, 130, 200, 300, 500, 1000, 3000,
];

/// How many counts a bucket array holds.
pub const BUCKETS: usize = BUCKETS_MS.len() + 1;

/// The bucket a latency falls in.
pub fn bucket_of(millis: f64) -> usize {
    BUCKETS_MS
        .iter()
        .position(|&bound| millis <= f64::from(bound))
        .unwrap_or(BUCKETS_MS.len())
}

/// The latency below which `quantile` of the counted requests fell, as the upper bound of its
/// bucket (`None`: no requests, or beyond the last bound).
pub fn quantile_ms(buckets: &[i32], quantile: f64) -> Option<u32> {
    let total: i64 = buckets.iter().map(|&n| i64::from(n.max(0))).sum();
    if total == 0 {
        return None;
    }
    let wanted = (quantile * total as f64).ceil() as i64;
    let mut seen = 0;
    for (i, &n) in buckets.iter().enumerate() {
        seen += i64::from(n.max(0));
        if seen >= wanted {
            return BUCKETS_MS.get(i).copied();
        }
    }
    None
}

/// One tenant's counts for one minute, from one instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteUsage {
    pub tenant_id: Uuid,
    pub minute: DateTime<Utc>,
    pub requests: i32,
    pub errors: i32,
    pub limited: i32,
    pub db_micros: i64,
    pub buckets: Vec<i32>,
}

/// Adds these counts to what other instances (and earlier flushes) wrote for the same minutes.
/// A tenant deleted meanwhile is skipped, not an error.
pub async fn add(db: &Db, rows: &[MinuteUsage]) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let tx = PlatformTx::begin_quiet(db, "usage.flush").await?;
    for chunk in rows.chunks(500) {
        let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 7);
        let mut tuples = Vec::with_capacity(chunk.len());
        for (i, row) in chunk.iter().enumerate() {
            let n = i * 7;
            tuples.push(format!(
                "(${}::uuid, ${}::timestamptz, ${}::int, ${}::int, ${}::int, ${}::bigint, ${}::int[])",
                n + 1,
                n + 2,
                n + 3,
                n + 4,
                n + 5,
                n + 6,
                n + 7
            ));
            values.extend([
                row.tenant_id.into(),
                row.minute.into(),
                row.requests.into(),
                row.errors.into(),
                row.limited.into(),
                row.db_micros.into(),
                row.buckets.clone().into(),
            ]);
        }
        let sql = format!(
            "INSERT INTO tenant_usage \
               (tenant_id, minute, requests, errors, limited, db_micros, latency_buckets) \
             SELECT v.* FROM (VALUES {}) AS v(tenant_id, minute, requests, errors, limited, \
                                               db_micros, latency_buckets) \
             WHERE EXISTS (SELECT 1 FROM tenants t WHERE t.id = v.tenant_id) \
             ON CONFLICT (tenant_id, minute) DO UPDATE SET \
               requests = tenant_usage.requests + excluded.requests, \
               errors = tenant_usage.errors + excluded.errors, \
               limited = tenant_usage.limited + excluded.limited, \
               db_micros = tenant_usage.db_micros + excluded.db_micros, \
               latency_buckets = atrium_add_counts(tenant_usage.latency_buckets, \
                                                   excluded.latency_buckets)",
            tuples.join(", ")
        );
        tx.conn()
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                values,
            ))
            .await?;
    }
    tx.commit().await
}

/// How long minutes of usage are kept: enough to look back over a week's incidents.
pub const KEPT_DAYS: i64 = 8;

/// Deletes minutes older than `KEPT_DAYS`; returns how many went.
pub async fn prune(db: &Db) -> Result<u64, DbErr> {
    let tx = PlatformTx::begin_quiet(db, "usage.prune").await?;
    let done = tx
        .conn()
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "DELETE FROM tenant_usage WHERE minute < now() - make_interval(days => $1::int)",
            [(KEPT_DAYS as i32).into()],
        ))
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}

/// A tenant's use of the platform over a window.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Busiest {
    pub tenant_id: Uuid,
    pub slug: String,
    pub name: String,
    pub tier: String,
    pub requests: i64,
    pub errors: i64,
    pub limited: i64,
    pub db_micros: i64,
    pub latency_buckets: Vec<i32>,
}

/// The `limit` tenants with the most requests since `since`, with their summed counts.
pub async fn busiest(
    tx: &PlatformTx,
    since: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<Busiest>, DbErr> {
    Busiest::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "WITH top AS ( \
           SELECT tenant_id, sum(requests)::bigint AS requests, sum(errors)::bigint AS errors, \
                  sum(limited)::bigint AS limited, sum(db_micros)::bigint AS db_micros \
           FROM tenant_usage WHERE minute >= $1 \
           GROUP BY tenant_id ORDER BY requests DESC, tenant_id LIMIT $2) \
         SELECT top.*, t.slug, t.name, t.tier, \
                (SELECT coalesce(( \
                   SELECT array_agg(n ORDER BY i) FROM ( \
                     SELECT i, sum(b)::int AS n \
                     FROM tenant_usage u, unnest(u.latency_buckets) WITH ORDINALITY AS x(b, i) \
                     WHERE u.tenant_id = top.tenant_id AND u.minute >= $1 GROUP BY i) s), \
                   '{}')) AS latency_buckets \
         FROM top JOIN tenants t ON t.id = top.tenant_id \
         ORDER BY top.requests DESC, t.slug",
        [since.into(), (limit as i64).into()],
    ))
    .all(tx.conn())
    .await
}

/// Requests of every tenant since `since`.
pub async fn total_requests(tx: &PlatformTx, since: DateTime<Utc>) -> Result<i64, DbErr> {
    #[derive(FromQueryResult)]
    struct Total {
        n: i64,
    }
    let total = Total::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT coalesce(sum(requests), 0)::bigint AS n FROM tenant_usage WHERE minute >= $1",
        [since.into()],
    ))
    .one(tx.conn())
    .await?;
    Ok(total.map_or(0, |t| t.n))
}

/// Requests per minute of `tenants` since `since` (minutes without requests are absent).
#[derive(Debug, Clone, FromQueryResult)]
pub struct PerMinute {
    pub tenant_id: Uuid,
    pub minute: DateTime<Utc>,
    pub requests: i32,
}

pub async fn per_minute(
    tx: &PlatformTx,
    tenants: &[Uuid],
    since: DateTime<Utc>,
) -> Result<Vec<PerMinute>, DbErr> {
    PerMinute::find_by_statement(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT tenant_id, minute, requests FROM tenant_usage \
         WHERE tenant_id = ANY($1) AND minute >= $2 ORDER BY tenant_id, minute",
        [tenants.to_vec().into(), since.into()],
    ))
    .all(tx.conn())
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latencies_fall_in_their_bucket_and_quantiles_read_back() {
        assert_eq!(bucket_of(0.3), 0);
        assert_eq!(bucket_of(1.0), 0);
        assert_eq!(bucket_of(1.5), 1);
        assert_eq!(bucket_of(250.0), 12);
        assert_eq!(bucket_of(10_000.0), BUCKETS_MS.len());
        let mut buckets = vec![0; BUCKETS];
        buckets[bucket_of(4.0)] = 95;
        buckets[bucket_of(400.0)] = 5;
        assert_eq!(quantile_ms(&buckets, 0.95), Some(5));
        assert_eq!(quantile_ms(&buckets, 0.96), Some(500));
        assert_eq!(quantile_ms(&[0; BUCKETS], 0.95), None);
    }
}
