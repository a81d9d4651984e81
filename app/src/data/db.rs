//! Connections and the two kinds of transaction the application may open.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, Statement, TransactionTrait,
};
use std::time::Duration;
use uuid::Uuid;

/// The application's pool, connected as the `atrium_app` role. Its connection is private to the
/// data layer: tenant tables are reached only through `TenantTx` or `PlatformTx`.
#[derive(Clone, Debug)]
pub struct Db {
    conn: DatabaseConnection,
}

impl Db {
    pub async fn connect(url: &str, max_connections: u32) -> Result<Self, DbErr> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(max_connections)
            .min_connections(1)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(5))
            .sqlx_logging(false);
        Ok(Self {
            conn: Database::connect(options).await?,
        })
    }

    /// Global tables (users) and the resolver functions only.
    pub(in crate::data) fn global(&self) -> &DatabaseConnection {
        &self.conn
    }

    pub async fn ping(&self) -> Result<(), DbErr> {
        self.conn.ping().await
    }

    pub async fn close(self) -> Result<(), DbErr> {
        self.conn.close().await
    }
}

/// A transaction scoped to one tenant. Created only by `ResolvedTenant::begin`; it sets
/// `app.tenant_id` with `set_config(..., true)`, so the setting dies with the transaction and a
/// pooled connection never carries it into another request.
pub struct TenantTx {
    txn: DatabaseTransaction,
    tenant_id: Uuid,
}

impl TenantTx {
    pub(in crate::data) async fn begin(db: &Db, tenant_id: Uuid) -> Result<Self, DbErr> {
        let txn = db.conn.begin().await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT set_config('app.tenant_id', $1, true)",
            [tenant_id.to_string().into()],
        ))
        .await?;
        Ok(Self { txn, tenant_id })
    }

    pub fn tenant_id(&self) -> Uuid {
        self.tenant_id
    }

    pub(in crate::data) fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

/// A transaction in the `atrium_platform` role, for work across tenants (creating tenants, the
/// console, the demo loader). Entered explicitly and logged with its reason.
pub struct PlatformTx {
    txn: DatabaseTransaction,
}

impl PlatformTx {
    pub async fn begin(db: &Db, reason: &str) -> Result<Self, DbErr> {
        let txn = db.conn.begin().await?;
        txn.execute_unprepared("SET LOCAL ROLE atrium_platform")
            .await?;
        tracing::info!(target: "atrium::audit", reason, "platform access");
        Ok(Self { txn })
    }

    pub(in crate::data) fn conn(&self) -> &DatabaseTransaction {
        &self.txn
    }

    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}
