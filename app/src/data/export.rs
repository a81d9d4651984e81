//! A tenant's export: a zip archive written as it is read, never held in memory.
//!
//! - `tenant.json`: the tenant's own row.
//! - `tables/<table>.ndjson`: one JSON object per line for every table with a `tenant_id` column
//!   (found in the catalog, so a new table is exported without anyone remembering to add it),
//!   read through a server-side cursor 500 rows at a time. Live credentials are left out: the
//!   `sessions`, `handoff_tokens` and `outbox` tables, and token hashes in any row.
//! - `tables/users.ndjson`: the people who are members (what the tenant may see of them).
//! - `files/<name>`: the tenant's uploaded files.
//! - `manifest.json`, last: every file's path, row count, size and SHA-256.
//!
//! Everything is read in one read-only snapshot of the tenant's own transaction, so Row-Level
//! Security guarantees the archive holds this tenant's rows and no other's, all as of one moment.

use super::db::{Db, TenantTx};
use async_zip::base::write::ZipFileWriter;
use async_zip::{Compression, ZipEntryBuilder};
use futures_lite::io::AsyncWriteExt;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;
use uuid::Uuid;

/// Tables holding live credentials rather than the tenant's data (an outbox message waiting to
/// go out may carry a single-use invitation link).
const LEFT_OUT_TABLES: [&str; 3] = ["sessions", "handoff_tokens", "outbox"];
/// Columns holding secrets, removed from every exported row.
const LEFT_OUT_COLUMNS: &str = "ARRAY['token_hash', 'id_hash', 'password_hash', \
     'entry_token_hash', 'verification_token', 'webhook_secret']::text[]";
const BATCH: usize = 500;

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub format: &'static str,
    pub tenant_id: Uuid,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub files: Vec<FileEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    /// Lines (rows) in a table file; absent for uploaded files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<u64>,
    pub bytes: u64,
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("database: {0}")]
    Db(#[from] DbErr),
    #[error("archive: {0}")]
    Zip(#[from] async_zip::error::ZipError),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn stmt(sql: String) -> Statement {
    Statement::from_string(DbBackend::Postgres, sql)
}

/// The tables exported, from the catalog: every table with a `tenant_id` column the application
/// may read, except those holding live credentials.
pub async fn exported_tables(tx: &TenantTx) -> Result<Vec<String>, DbErr> {
    let rows = tx
        .conn()
        .query_all_raw(stmt(
            "SELECT c.relname::text AS name FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             JOIN pg_attribute a ON a.attrelid = c.oid \
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') \
               AND a.attname = 'tenant_id' AND NOT a.attisdropped \
               AND has_table_privilege(c.oid, 'SELECT') \
             ORDER BY 1"
                .to_owned(),
        ))
        .await?;
    let mut names = Vec::with_capacity(rows.len());
    for row in rows {
        let name: String = row.try_get("", "name")?;
        if !LEFT_OUT_TABLES.contains(&name.as_str()) {
            names.push(name);
        }
    }
    Ok(names)
}

/// Writes `tenant`'s archive to `out` and returns its manifest (also the archive's last file).
pub async fn write_archive<W>(
    db: &Db,
    tenant: Uuid,
    uploads: &Path,
    out: W,
) -> Result<Manifest, ExportError>
where
    W: tokio::io::AsyncWrite + Unpin,
{
    let tx = TenantTx::begin_snapshot(db, tenant).await?;
    let mut zip = ZipFileWriter::with_tokio(out);
    let mut files = Vec::new();
    let tenant_sql = format!("SELECT to_jsonb(t)::text FROM tenants t WHERE t.id = '{tenant}'");
    files.push(write_query(&tx, &mut zip, "tenant.json", tenant_sql).await?);
    for table in exported_tables(&tx).await? {
        // Names come from the catalog; quoted all the same.
        let quoted = format!("\"{}\"", table.replace('"', "\"\""));
        let sql = format!(
            "SELECT (to_jsonb(t) - {LEFT_OUT_COLUMNS})::text FROM {quoted} t \
             WHERE t.tenant_id = '{tenant}'"
        );
        files.push(write_query(&tx, &mut zip, &format!("tables/{table}.ndjson"), sql).await?);
    }
    // People, as far as the tenant sees them (RLS shows members only; no credentials here).
    let people = "SELECT jsonb_build_object('id', u.id, 'email', u.email, \
                  'display_name', u.display_name, 'created_at', u.created_at)::text \
                  FROM users u"
        .to_owned();
    files.push(write_query(&tx, &mut zip, "tables/users.ndjson", people).await?);
    tx.commit().await?;
    files.extend(write_uploads(&mut zip, &uploads.join(tenant.to_string())).await?);

    let manifest = Manifest {
        format: "atrium-export/1",
        tenant_id: tenant,
        generated_at: chrono::Utc::now(),
        files,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    zip.write_entry_whole(
        ZipEntryBuilder::new("manifest.json".into(), Compression::Deflate),
        &json,
    )
    .await?;
    let mut out = zip.close().await?.into_inner();
    tokio::io::AsyncWriteExt::shutdown(&mut out).await?;
    Ok(manifest)
}

/// Streams the rows of `sql` (one text column, one JSON document each) into `path`, one per
/// line, through a server-side cursor.
async fn write_query<W>(
    tx: &TenantTx,
    zip: &mut ZipFileWriter<W>,
    path: &str,
    sql: String,
) -> Result<FileEntry, ExportError>
where
    W: futures_lite::io::AsyncWrite + Unpin,
{
    let conn = tx.conn();
    conn.execute_raw(stmt(format!(
        "DECLARE export_rows NO SCROLL CURSOR FOR {sql}"
    )))
    .await?;
    let mut entry = zip
        .write_entry_stream(ZipEntryBuilder::new(
            path.to_owned().into(),
            Compression::Deflate,
        ))
        .await?;
    let (mut rows, mut bytes, mut hash) = (0_u64, 0_u64, Sha256::new());
    let mut buffer = Vec::with_capacity(64 * 1024);
    loop {
        let batch = conn
            .query_all_raw(stmt(format!("FETCH {BATCH} FROM export_rows")))
            .await?;
        if batch.is_empty() {
            break;
        }
        for row in &batch {
            let line: String = row.try_get_by_index(0)?;
            buffer.extend_from_slice(line.as_bytes());
            buffer.push(b'\n');
        }
        rows += batch.len() as u64;
        bytes += buffer.len() as u64;
        hash.update(&buffer);
        entry.write_all(&buffer).await?;
        buffer.clear();
    }
    entry.close().await?;
    conn.execute_raw(stmt("CLOSE export_rows".to_owned()))
        .await?;
    Ok(FileEntry {
        path: path.to_owned(),
        rows: Some(rows),
        bytes,
        sha256: hex(&hash.finalize()),
    })
}

/// The tenant's uploaded files (one flat folder), each streamed into `files/<name>`.
async fn write_uploads<W>(
    zip: &mut ZipFileWriter<W>,
    folder: &Path,
) -> Result<Vec<FileEntry>, ExportError>
where
    W: futures_lite::io::AsyncWrite + Unpin,
{
    let mut listing = match tokio::fs::read_dir(folder).await {
        Ok(listing) => listing,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut names = Vec::new();
    while let Some(item) = listing.next_entry().await? {
        if item.file_type().await?.is_file()
            && let Some(name) = item.file_name().to_str()
        {
            names.push(name.to_owned());
        }
    }
    names.sort();
    let mut entries = Vec::with_capacity(names.len());
    for name in names {
        let path = format!("files/{name}");
        let mut file = tokio::fs::File::open(folder.join(&name)).await?;
        // Uploads are already compressed images; storing them as they are saves the effort.
        let mut entry = zip
            .write_entry_stream(ZipEntryBuilder::new(
                path.clone().into(),
                Compression::Stored,
            ))
            .await?;
        let (mut bytes, mut hash) = (0_u64, Sha256::new());
        let mut chunk = vec![0_u8; 64 * 1024];
        loop {
            let n = tokio::io::AsyncReadExt::read(&mut file, &mut chunk).await?;
            if n == 0 {
                break;
            }
            hash.update(&chunk[..n]);
            bytes += n as u64;
            entry.write_all(&chunk[..n]).await?;
        }
        entry.close().await?;
        entries.push(FileEntry {
            path,
            rows: None,
            bytes,
            sha256: hex(&hash.finalize()),
        });
    }
    Ok(entries)
}
