//! The connection a `TenantTx` runs on: one pooled connection inside a transaction that was begun
//! together with its tenant and user settings in a single round trip.
//!
//! SeaORM's own transaction sends `BEGIN` and then the `set_config` call separately, which makes
//! every tenant transaction cost one round trip more than its queries need. Here the two travel
//! as one simple query (`BEGIN; SELECT set_config(...)`), and the queries that follow go through
//! sqlx exactly as SeaORM would send them (`ConnectionTrait`), so repositories do not change.
//! Dropping it without `commit` rolls back, as sqlx's `Transaction` does.

use sea_orm::sea_query::Values;
use sea_orm::sqlx::{self, Executor, PgPool, Postgres};
use sea_orm::{
    ConnAcquireErr, ConnectionTrait, DbBackend, DbErr, ExecResult, QueryResult, RuntimeErr,
    Statement,
};
use sea_query_sqlx::SqlxValues;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::Mutex;
use uuid::Uuid;

pub struct ScopedConn {
    tx: Mutex<sqlx::Transaction<'static, Postgres>>,
    /// Counts statements sent, like the pool's metric callback does for SeaORM's connections.
    statements: Arc<AtomicU64>,
}

/// How a tenant transaction begins: for whom, and in which mode.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Opening {
    pub tenant_id: Uuid,
    pub user_id: Option<Uuid>,
    /// The super admin behind a support session (the row audit records them).
    pub impersonator: Option<Uuid>,
    /// Refuse every write (a read-only support session): PostgreSQL enforces it.
    pub read_only: bool,
    /// One consistent, read-only view of the database (an export reading table after table).
    pub snapshot: bool,
    /// `statement_timeout` for this transaction, in milliseconds (0: the server's default).
    pub statement_timeout_ms: u64,
}

/// The opening statement. Every value is a UUID (hex digits and dashes) or empty, so writing them
/// into the text cannot change its meaning; a simple query cannot take parameters.
fn opening(o: Opening) -> String {
    let text = |id: Option<Uuid>| id.map(|id| id.to_string()).unwrap_or_default();
    let begin = if o.snapshot {
        "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"
    } else if o.read_only {
        "BEGIN READ ONLY"
    } else {
        "BEGIN"
    };
    let impersonator = match o.impersonator {
        Some(id) => format!(", set_config('app.impersonator_id', '{id}', true)"),
        None => String::new(),
    };
    let timeout = match o.statement_timeout_ms {
        0 => String::new(),
        ms => format!(", set_config('statement_timeout', '{ms}', true)"),
    };
    format!(
        "{begin}; SELECT set_config('app.tenant_id', '{}', true), \
         set_config('app.user_id', '{}', true){impersonator}{timeout}",
        o.tenant_id,
        text(o.user_id)
    )
}

fn query(stmt: &Statement) -> sqlx::query::Query<'_, Postgres, SqlxValues> {
    let values = stmt.values.clone().unwrap_or(Values(Vec::new()));
    sqlx::query_with(sqlx::AssertSqlSafe(stmt.sql.as_str()), SqlxValues(values))
}

// Errors wrapped the way SeaORM wraps them, so `DbErr::sql_err` and the pool-timeout mapping
// see the same thing from either kind of transaction.
fn exec_err(e: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(Arc::new(e)))
}

fn query_err(e: sqlx::Error) -> DbErr {
    DbErr::Query(RuntimeErr::SqlxError(Arc::new(e)))
}

fn begin_err(e: sqlx::Error) -> DbErr {
    match e {
        sqlx::Error::PoolTimedOut => DbErr::ConnectionAcquire(ConnAcquireErr::Timeout),
        sqlx::Error::PoolClosed => DbErr::ConnectionAcquire(ConnAcquireErr::ConnectionClosed),
        e => DbErr::Conn(RuntimeErr::SqlxError(Arc::new(e))),
    }
}

impl ScopedConn {
    pub(super) async fn begin(
        pool: &PgPool,
        statements: Arc<AtomicU64>,
        how: Opening,
    ) -> Result<Self, DbErr> {
        let tx = super::db_clock::timed(pool.begin_with(sqlx::AssertSqlSafe(opening(how))))
            .await
            .map_err(begin_err)?;
        statements.fetch_add(1, Ordering::Relaxed);
        Ok(Self {
            tx: Mutex::new(tx),
            statements,
        })
    }

    fn counted(&self) {
        self.statements.fetch_add(1, Ordering::Relaxed);
    }

    pub(super) async fn commit(self) -> Result<(), DbErr> {
        super::db_clock::timed(self.tx.into_inner().commit())
            .await
            .map_err(exec_err)
    }

    pub(super) async fn rollback(self) -> Result<(), DbErr> {
        super::db_clock::timed(self.tx.into_inner().rollback())
            .await
            .map_err(exec_err)
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for ScopedConn {
    fn get_database_backend(&self) -> DbBackend {
        DbBackend::Postgres
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.counted();
        let mut tx = self.tx.lock().await;
        super::db_clock::timed(query(&stmt).execute(&mut **tx))
            .await
            .map(Into::into)
            .map_err(exec_err)
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.counted();
        let mut tx = self.tx.lock().await;
        super::db_clock::timed(tx.execute(sqlx::AssertSqlSafe(sql.to_owned())))
            .await
            .map(Into::into)
            .map_err(exec_err)
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.counted();
        let mut tx = self.tx.lock().await;
        super::db_clock::timed(query(&stmt).fetch_optional(&mut **tx))
            .await
            .map(|row| row.map(Into::into))
            .map_err(query_err)
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.counted();
        let mut tx = self.tx.lock().await;
        super::db_clock::timed(query(&stmt).fetch_all(&mut **tx))
            .await
            .map(|rows| rows.into_iter().map(Into::into).collect())
            .map_err(query_err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opening_statement_sets_both_values_or_an_empty_user() {
        let tenant = Uuid::from_u128(1);
        let user = Uuid::from_u128(2);
        let how = Opening {
            tenant_id: tenant,
            user_id: Some(user),
            ..Opening::default()
        };
        assert_eq!(
            opening(how),
            "BEGIN; SELECT set_config('app.tenant_id', '00000000-0000-0000-0000-000000000001', \
             true), set_config('app.user_id', '00000000-0000-0000-0000-000000000002', true)"
        );
        let anonymous = Opening {
            user_id: None,
            ..how
        };
        assert!(opening(anonymous).ends_with("set_config('app.user_id', '', true)"));
        let support = Opening {
            impersonator: Some(user),
            read_only: true,
            ..how
        };
        let text = opening(support);
        assert!(text.starts_with("BEGIN READ ONLY; SELECT"));
        assert!(text.ends_with(
            "set_config('app.impersonator_id', '00000000-0000-0000-0000-000000000002', true)"
        ));
        let bounded = Opening {
            statement_timeout_ms: 2500,
            ..how
        };
        assert!(opening(bounded).ends_with(", set_config('statement_timeout', '2500', true)"));
    }
}
