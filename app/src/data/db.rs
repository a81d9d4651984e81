//! Connections and the two kinds of transaction the application may open.
//!
//! **One connection per request at a time.** A request never asks the pool for a connection while
//! it holds one: the session and the viewer are loaded before any handler runs, in their own short
//! transaction (`auth::session::load`), and the session is saved after the handler has finished.
//! Handlers then open their own transactions one after another. Holding a transaction while
//! waiting for a second connection lets a few concurrent requests exhaust the pool and wait on
//! each other forever, so repositories take the transaction they run on and never the pool.

use super::scoped_conn::{Opening, ScopedConn};
use super::tenant_cache::TenantCache;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, Statement, TransactionTrait,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use uuid::Uuid;

/// The application's pools. `app` connects as `atrium_app` (no table ownership, no BYPASSRLS,
/// and no way into the platform role); `platform` connects as `atrium_console`, the only login
/// that may enter `atrium_platform`, and is used by `PlatformTx` alone. Both are private to the
/// data layer: tenant tables are reached only through `TenantTx` or `PlatformTx`.
///
/// Cloned into every request's context, so it is one reference count.
#[derive(Clone, Debug)]
pub struct Db(Arc<Pools>);

#[derive(Debug)]
struct Pools {
    conn: DatabaseConnection,
    platform: DatabaseConnection,
    tenants: TenantCache,
    /// Statements run on the application pool since start-up (tests and the benchmark use it to
    /// show that a page costs the same queries for one row or many).
    statements: Arc<AtomicU64>,
    /// Tenant transactions begun since start-up (the same, for transactions per page).
    transactions: Arc<AtomicU64>,
    /// Each statement of a tenant transaction gives up after this long (0: never).
    statement_timeout_ms: u64,
}

/// How the application's pool behaves.
#[derive(Debug, Clone, Copy)]
pub struct PoolSettings {
    pub max_connections: u32,
    /// `statement_timeout` of every tenant transaction, in milliseconds (0: none), so one slow
    /// query cannot hold a connection for ever.
    pub statement_timeout_ms: u64,
}

impl PoolSettings {
    /// The default statement timeout: far beyond any page's queries (milliseconds), short
    /// enough that a runaway one frees its connection.
    pub const STATEMENT_TIMEOUT_MS: u64 = 10_000;

    pub fn new(max_connections: u32) -> Self {
        Self {
            max_connections,
            statement_timeout_ms: Self::STATEMENT_TIMEOUT_MS,
        }
    }
}

/// Pool settings. A connection is pinged before use only when it has sat idle for 30 seconds
/// (the usual way connections die: a restart, a proxy or a firewall dropping them), not on every
/// checkout, which would add a round trip to every transaction. Connections are recycled after
/// 30 minutes and dropped after 10 idle ones, down to the minimum. Connecting and waiting for a
/// connection give up after 2 seconds, so an unreachable or overloaded database answers "try
/// again" (503) at once instead of hanging, and the pool reconnects when it is back.
fn options(url: &str, max_connections: u32, min_connections: u32) -> ConnectOptions {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(max_connections)
        .min_connections(min_connections)
        .connect_timeout(Duration::from_secs(2))
        .acquire_timeout(Duration::from_secs(2))
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .idle_timeout(Duration::from_secs(600))
        .max_lifetime(Duration::from_secs(1800))
        .sqlx_logging(false);
    options
}

impl Db {
    /// Connects both pools. The platform pool is small and opens connections only when
    /// platform work (the console, the demo loader) asks for one.
    pub async fn connect(
        app_url: &str,
        platform_url: &str,
        max_connections: u32,
    ) -> Result<Self, DbErr> {
        Self::connect_with(app_url, platform_url, PoolSettings::new(max_connections)).await
    }

    pub async fn connect_with(
        app_url: &str,
        platform_url: &str,
        settings: PoolSettings,
    ) -> Result<Self, DbErr> {
        let mut conn = Database::connect(options(app_url, settings.max_connections, 1)).await?;
        let statements = Arc::new(AtomicU64::new(0));
        let counter = statements.clone();
        conn.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let platform = Database::connect(options(platform_url, 4, 0)).await?;
        let tenants = TenantCache::default();
        tenants.listen(app_url.to_owned()).await;
        Ok(Self(Arc::new(Pools {
            conn,
            platform,
            tenants,
            statements,
            transactions: Arc::new(AtomicU64::new(0)),
            statement_timeout_ms: settings.statement_timeout_ms,
        })))
    }

    /// How many statements the application pool has run (see `statements`).
    pub fn statements_run(&self) -> u64 {
        self.0.statements.load(Ordering::Relaxed)
    }

    /// How many tenant transactions have begun (see `transactions`).
    pub fn transactions_begun(&self) -> u64 {
        self.0.transactions.load(Ordering::Relaxed)
    }

    /// Resolved tenants kept in this process (see `tenant_cache`).
    pub fn tenants(&self) -> &TenantCache {
        &self.0.tenants
    }

    /// Global lookups through the narrow definer functions (tenant resolution, passwords,
    /// portals), outside any transaction.
    pub(in crate::data) fn global(&self) -> &DatabaseConnection {
        &self.0.conn
    }

    /// The application pool's connections: (open, idle).
    pub fn pool_usage(&self) -> (u32, usize) {
        let pool = self.0.conn.get_postgres_connection_pool();
        (pool.size(), pool.num_idle())
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.0.conn.ping().await
    }

    /// The newest migration applied to the database (readiness compares it with the build's).
    pub async fn latest_migration(&self) -> Result<Option<String>, DbErr> {
        let row = self
            .0
            .conn
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT max(version) AS version FROM seaql_migrations",
            ))
            .await?;
        match row {
            Some(row) => row.try_get("", "version"),
            None => Ok(None),
        }
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.0.platform.close_by_ref().await?;
        self.0.conn.close_by_ref().await
    }
}

/// A transaction of one tenant for work the server does on its behalf with nobody signed in:
/// background jobs and the simulated payment provider's books. The tenant id must come from a
/// row already read under that tenant (a job's, an invoice's), never from a request's input.
pub async fn begin_background(db: &Db, tenant_id: Uuid) -> Result<TenantTx, DbErr> {
    TenantTx::begin(db, tenant_id, None).await
}

/// A transaction scoped to one tenant and, when someone is signed in, to that person. Created
/// only by `ResolvedTenant::begin`; it sets `app.tenant_id` and `app.user_id` with
/// `set_config(..., true)` in the same round trip as `BEGIN` (see `scoped_conn`), so the settings
/// die with the transaction and a pooled connection never carries them into another request.
pub struct TenantTx {
    conn: ScopedConn,
    tenant_id: Uuid,
}

impl TenantTx {
    pub(in crate::data) async fn begin(
        db: &Db,
        tenant_id: Uuid,
        user_id: Option<Uuid>,
    ) -> Result<Self, DbErr> {
        Self::open(
            db,
            Opening {
                tenant_id,
                user_id,
                ..Opening::default()
            },
        )
        .await
    }

    /// A read-only transaction on one consistent snapshot, for reading many tables as of one
    /// moment (exports).
    pub(in crate::data) async fn begin_snapshot(db: &Db, tenant_id: Uuid) -> Result<Self, DbErr> {
        Self::open(
            db,
            Opening {
                tenant_id,
                snapshot: true,
                ..Opening::default()
            },
        )
        .await
    }

    /// A transaction for a support session: acting as the super admin `admin`, recorded as
    /// impersonating, and refusing every write unless `writable`.
    pub(in crate::data) async fn begin_support(
        db: &Db,
        tenant_id: Uuid,
        admin: Uuid,
        writable: bool,
    ) -> Result<Self, DbErr> {
        Self::open(
            db,
            Opening {
                tenant_id,
                user_id: Some(admin),
                impersonator: Some(admin),
                read_only: !writable,
                ..Opening::default()
            },
        )
        .await
    }

    async fn open(db: &Db, mut how: Opening) -> Result<Self, DbErr> {
        how.statement_timeout_ms = db.0.statement_timeout_ms;
        let pool = db.0.conn.get_postgres_connection_pool();
        let conn = ScopedConn::begin(pool, db.0.statements.clone(), how).await?;
        db.0.transactions.fetch_add(1, Ordering::Relaxed);
        Ok(Self {
            conn,
            tenant_id: how.tenant_id,
        })
    }

    /// From here on this transaction acts for `user_id`: used when the person becomes known
    /// inside it (loading a session, creating an account).
    pub(in crate::data) async fn act_as(&self, user_id: Uuid) -> Result<(), DbErr> {
        self.conn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('app.user_id', $1, true)",
                [user_id.to_string().into()],
            ))
            .await?;
        Ok(())
    }

    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    pub(in crate::data) fn conn(&self) -> &ScopedConn {
        &self.conn
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.conn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.conn.rollback().await
    }
}

/// A transaction in the `atrium_platform` role, for work across tenants (creating tenants, the
/// console, the demo loader). It runs on the platform pool, whose login can enter the role; the
/// application's own connection cannot. Entered explicitly and logged with its reason.
pub struct PlatformTx {
    txn: DatabaseTransaction,
    /// The cache to empty on commit; `None` for work that changes no tenant (reads, sessions).
    tenants: Option<TenantCache>,
}

impl PlatformTx {
    pub async fn begin(db: &Db, reason: &str) -> Result<Self, DbErr> {
        let txn = db.0.platform.begin().await?;
        txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
            .await?;
        tracing::info!(target: "atrium::audit", reason, "platform access");
        Ok(Self {
            txn,
            tenants: Some(db.0.tenants.clone()),
        })
    }

    /// Platform work that changes no tenant (the console's lists, its audit entries and sign-in):
    /// committing it leaves the tenant cache alone.
    pub async fn begin_reading(db: &Db, reason: &str) -> Result<Self, DbErr> {
        let mut tx = Self::begin(db, reason).await?;
        tx.tenants = None;
        Ok(tx)
    }

    /// For plumbing that runs all the time (the console's session on every console request, the
    /// job queue's polling): the same role, logged at debug level (what it does is audited or
    /// logged by itself).
    pub(in crate::data) async fn begin_quiet(db: &Db, what: &'static str) -> Result<Self, DbErr> {
        let txn = db.0.platform.begin().await?;
        txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
            .await?;
        tracing::debug!(target: "atrium::audit", what, "platform access");
        Ok(Self { txn, tenants: None })
    }

    pub(in crate::data) fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    /// From here on, changes in this transaction are recorded as made by `user` (the row audit
    /// triggers read `app.user_id`, as in a tenant transaction).
    pub async fn act_as(&self, user: Uuid) -> Result<(), DbErr> {
        self.txn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT set_config('app.user_id', $1, true)",
                [user.to_string().into()],
            ))
            .await?;
        Ok(())
    }

    /// Commits; platform work may have changed tenants, so this process forgets them at once
    /// (other instances hear of it through the tenants trigger's NOTIFY).
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await?;
        if let Some(tenants) = self.tenants {
            tenants.clear();
        }
        Ok(())
    }
}
