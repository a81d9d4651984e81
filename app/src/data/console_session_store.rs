//! The tower-sessions store for the platform console. Console sessions live in their own table,
//! reached only through the platform role, so no portal can read, write or replay one. The
//! request's session is read before any handler runs, together with its super admin
//! (`load_with_admin`), and handed to the store as `preloaded`, like a portal's.

use super::db::{Db, PlatformTx};
use super::repos::console_sessions::{self, SuperAdmin};
use super::session_store::{data_of, expires, user_of};
use sea_orm::DbErr;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Clone, Debug)]
pub struct ConsoleSessionStore {
    db: Db,
    preloaded: Option<(Id, Option<Record>)>,
}

impl ConsoleSessionStore {
    pub fn new(db: Db) -> Self {
        Self {
            db,
            preloaded: None,
        }
    }

    pub fn with_preloaded(mut self, id: Id, record: Option<Record>) -> Self {
        self.preloaded = Some((id, record));
        self
    }
}

fn backend(e: DbErr) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// A stored row as a tower-sessions record, read the same way as a portal's; an unreadable one
/// counts as no session.
fn record_of(id: &Id, row: console_sessions::StoredSession) -> Option<Record> {
    super::session_store::record_of(id, Some((row.data, row.expires_at)))
        .ok()
        .flatten()
}

/// A console cookie's session and the super admin behind it, if they still are one.
pub struct LoadedConsole {
    pub record: Option<Record>,
    pub admin: Option<SuperAdmin>,
}

pub async fn load_with_admin(db: &Db, id: &Id) -> Result<LoadedConsole, DbErr> {
    let tx = PlatformTx::begin_quiet(db, "console session").await?;
    let record = console_sessions::load_live(&tx, &id.to_string())
        .await?
        .and_then(|row| record_of(id, row));
    let admin = match record.as_ref().and_then(user_of) {
        Some(user_id) => console_sessions::super_admin(&tx, user_id).await?,
        None => None,
    };
    tx.commit().await?;
    Ok(LoadedConsole { record, admin })
}

async fn write(db: &Db, record: &Record) -> session_store::Result<()> {
    let data = data_of(record)?;
    let tx = PlatformTx::begin_quiet(db, "console session")
        .await
        .map_err(backend)?;
    console_sessions::upsert(
        &tx,
        &record.id.to_string(),
        user_of(record),
        data,
        expires(record),
    )
    .await
    .map_err(backend)?;
    tx.commit().await.map_err(backend)
}

#[async_trait::async_trait]
impl SessionStore for ConsoleSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let tx = PlatformTx::begin_quiet(&self.db, "console session")
            .await
            .map_err(backend)?;
        while console_sessions::exists(&tx, &record.id.to_string())
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        tx.commit().await.map_err(backend)?;
        write(&self.db, record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        write(&self.db, record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        if let Some((preloaded, record)) = &self.preloaded
            && preloaded == id
        {
            return Ok(record.clone());
        }
        let tx = PlatformTx::begin_quiet(&self.db, "console session")
            .await
            .map_err(backend)?;
        let row = console_sessions::load_live(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(row.and_then(|row| record_of(id, row)))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        let tx = PlatformTx::begin_quiet(&self.db, "console session")
            .await
            .map_err(backend)?;
        console_sessions::delete(&tx, &id.to_string())
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)
    }
}
