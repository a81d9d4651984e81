//! The tower-sessions store for one tenant's portal. Built per request with the resolved tenant,
//! so every read and write runs in that tenant's transaction: a session id minted in one portal
//! finds nothing in another. Ids are stored as SHA-256 hashes.

use super::db::Db;
use super::repos::sessions;
use super::tenancy::ResolvedTenant;
use sea_orm::DbErr;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use uuid::Uuid;

/// The session key holding the signed-in person's id.
pub const USER_KEY: &str = "uid";

#[derive(Clone, Debug)]
pub struct TenantSessionStore {
    db: Db,
    tenant: ResolvedTenant,
}

impl TenantSessionStore {
    pub fn new(db: Db, tenant: ResolvedTenant) -> Self {
        Self { db, tenant }
    }
}

fn backend(e: DbErr) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn user_of(record: &Record) -> Option<Uuid> {
    record
        .data
        .get(USER_KEY)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Only the data is stored as JSON: the id lives (hashed) in its own column, and the expiry too.
fn data_of(record: &Record) -> session_store::Result<serde_json::Value> {
    serde_json::to_value(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

fn expires(record: &Record) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .unwrap_or_default()
        .into()
}

#[async_trait::async_trait]
impl SessionStore for TenantSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        // Ids are 128 random bits; a collision is astronomically unlikely, but never reuse one.
        while sessions::exists(&tx, &record.id.to_string())
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        let json = data_of(record)?;
        sessions::upsert(
            &tx,
            &record.id.to_string(),
            user_of(record),
            json,
            expires(record),
        )
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        let json = data_of(record)?;
        sessions::upsert(
            &tx,
            &record.id.to_string(),
            user_of(record),
            json,
            expires(record),
        )
        .await
        .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        let row = sessions::load_live(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        row.map(|(data, expires_at)| {
            let data = serde_json::from_value(data)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
            let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at.timestamp())
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
            Ok(Record {
                id: *id,
                data,
                expiry_date,
            })
        })
        .transpose()
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        sessions::delete(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
