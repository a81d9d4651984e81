//! The tower-sessions store for one tenant's portal. Built per request with the resolved tenant,
//! so every read and write runs in that tenant's transaction: a session id minted in one portal
//! finds nothing in another. Ids are stored as SHA-256 hashes.
//!
//! The request's session is read before any handler runs, together with its person
//! (`load_with_person`), and handed to the store as `preloaded`: tower-sessions then finds it
//! without a second trip to the database while the handler holds its own transaction.

use super::db::Db;
use super::repos::{sessions, support_sessions, users};
use super::tenancy::ResolvedTenant;
use crate::model::support::SupportGrant;
use sea_orm::DbErr;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use uuid::Uuid;

/// The session key holding the signed-in person's id.
pub const USER_KEY: &str = "uid";
/// The session key marking a support session (`model::support::SupportGrant`).
pub const SUPPORT_KEY: &str = "support";

#[derive(Clone, Debug)]
pub struct TenantSessionStore {
    db: Db,
    tenant: ResolvedTenant,
    /// The session this request arrived with, already read: (its id, its record if live).
    preloaded: Option<(Id, Option<Record>)>,
}

impl TenantSessionStore {
    pub fn new(db: Db, tenant: ResolvedTenant) -> Self {
        Self {
            db,
            tenant,
            preloaded: None,
        }
    }

    /// The store for a request whose session `id` was read already (`None`: no live session).
    pub fn with_preloaded(mut self, id: Id, record: Option<Record>) -> Self {
        self.preloaded = Some((id, record));
        self
    }
}

fn backend(e: DbErr) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The signed-in person's id in a session record.
pub fn user_of(record: &Record) -> Option<Uuid> {
    record
        .data
        .get(USER_KEY)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// Only the data is stored as JSON: the id lives (hashed) in its own column, and the expiry too.
pub(super) fn data_of(record: &Record) -> session_store::Result<serde_json::Value> {
    serde_json::to_value(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

pub(super) fn expires(record: &Record) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .unwrap_or_default()
        .into()
}

pub(super) fn record_of(
    id: &Id,
    row: Option<(serde_json::Value, chrono::DateTime<chrono::FixedOffset>)>,
) -> session_store::Result<Option<Record>> {
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

/// What a session cookie stands for, read in one short transaction: the live session (if any)
/// and its person with their membership here (if signed in and still existing), or the support
/// session it carries.
pub struct LoadedSession {
    pub record: Option<Record>,
    pub person: Option<users::PersonHere>,
    /// Set when this is a support session that is still on; its request is then recorded.
    pub support: Option<SupportGrant>,
}

fn support_of(record: &Record) -> Option<SupportGrant> {
    record
        .data
        .get(SUPPORT_KEY)
        .and_then(|v| serde_json::from_value(v.clone()).ok())
}

/// `request` ("GET /courses") is recorded in the tenant's audit log when the session is a
/// support session.
pub async fn load_with_person(
    db: &Db,
    tenant: &ResolvedTenant,
    id: &Id,
    request: &str,
) -> Result<LoadedSession, DbErr> {
    let tx = tenant.begin(db).await?;
    let row = sessions::load_live(&tx, &id.to_string()).await?;
    // An undecodable record is treated as no session (tower-sessions would make a new one).
    let mut record = record_of(id, row).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "unreadable session ignored");
        None
    });
    let mut support = record.as_ref().and_then(support_of);
    if let Some(grant) = &support {
        // Ended ("leave"), run out, or its super admin gone: the session is over.
        if support_sessions::is_live(&tx, grant.id).await? {
            tx.act_as(grant.admin_id).await?;
            support_sessions::record_request(&tx, grant.admin_id, request).await?;
        } else {
            sessions::delete(&tx, &id.to_string()).await?;
            record = None;
            support = None;
        }
    }
    let person = match record.as_ref().and_then(user_of) {
        Some(user_id) => {
            tx.act_as(user_id).await?;
            users::with_membership(&tx, user_id).await?
        }
        None => None,
    };
    tx.commit().await?;
    Ok(LoadedSession {
        record,
        person,
        support,
    })
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
        if let Some((preloaded_id, record)) = &self.preloaded
            && preloaded_id == id
        {
            return Ok(record.clone());
        }
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        let row = sessions::load_live(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        record_of(id, row)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let tx = self.tenant.begin(&self.db).await.map_err(backend)?;
        sessions::delete(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
