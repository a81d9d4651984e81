//! Start-up database work done with the owner connection: migrations, the application role's
//! password, operator grants. The running application never holds this connection.

use crate::config::{APP_ROLE, PLATFORM_ROLE};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::{self, Connection};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
};
use std::time::Duration;

/// `host:port` of a connection URL, for messages (never the credentials).
pub fn address_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    match authority {
        "" => "localhost:5432".to_owned(),
        a if a.contains(':') && !a.ends_with(']') => a.to_owned(),
        a => format!("{a}:5432"),
    }
}

/// How long a server that is still starting up is waited for.
const STARTING_ATTEMPTS: u32 = 30;

/// Waits until the database at `url` takes connections. A refused connection, an unknown host or
/// wrong credentials fail at once with a plain reason; a server that is still starting up (or
/// does not answer yet) is retried for half a minute, with a line per attempt.
pub async fn wait_until_reachable(url: &str) -> Result<(), String> {
    let address = address_of(url);
    let mut attempt = 1;
    loop {
        let outcome =
            tokio::time::timeout(Duration::from_secs(5), sqlx::PgConnection::connect(url)).await;
        let retry_because = match outcome {
            Ok(Ok(conn)) => {
                let _ = conn.close().await;
                return Ok(());
            }
            Ok(Err(sqlx::Error::Io(e))) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                return Err(format!(
                    "connection refused at {address}: is PostgreSQL running there? \
                     (`scripts/dev` starts a local one when DATABASE_URL is not set)"
                ));
            }
            Ok(Err(sqlx::Error::Database(e))) if e.code().as_deref() == Some("57P03") => {
                "it is starting up".to_owned()
            }
            Ok(Err(sqlx::Error::Io(e))) if e.kind() == std::io::ErrorKind::TimedOut => {
                "it does not answer".to_owned()
            }
            Ok(Err(e)) => return Err(format!("cannot connect to {address}: {e}")),
            Err(_) => "it does not answer".to_owned(),
        };
        if attempt >= STARTING_ATTEMPTS {
            return Err(format!(
                "gave up waiting for the database at {address}: {retry_because}"
            ));
        }
        tracing::warn!(
            "waiting for the database at {address}: {retry_because} \
             (attempt {attempt} of {STARTING_ATTEMPTS})"
        );
        attempt += 1;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// One connection, so the advisory lock below covers every statement of the migration.
async fn owner_connection(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(1)
        .min_connections(1)
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    Database::connect(options).await
}

/// Passwords start-up gives the login roles (when their URLs were derived from DATABASE_URL).
#[derive(Clone, Copy, Default)]
pub struct RolePasswords<'a> {
    pub app: Option<&'a str>,
    pub platform: Option<&'a str>,
}

/// The newest migration this build knows (readiness compares the database's with it).
pub fn latest_known_migration() -> String {
    Migrator::migrations()
        .last()
        .map(|m| m.name().to_owned())
        .unwrap_or_default()
}

/// How long a starting server waits for a lock: another instance's migrations, or a table a
/// migration alters. Past it, start-up fails with the reason instead of hanging.
const LOCK_TIMEOUT: &str = "60s";

/// Applies pending migrations; several servers starting at once take turns. A database that has
/// migrations this build does not know (a newer Atrium upgraded it) is refused, untouched.
pub async fn migrate(owner_url: &str, passwords: RolePasswords<'_>) -> Result<(), DbErr> {
    let owner = owner_connection(owner_url).await?;
    owner
        .execute_unprepared(&format!("SET lock_timeout = '{LOCK_TIMEOUT}'"))
        .await?;
    owner
        .execute_unprepared("SELECT pg_advisory_lock(hashtext('atrium.migrations'))")
        .await
        .map_err(|e| {
            if lock_timed_out(&e) {
                DbErr::Custom(format!(
                    "another instance has been migrating the database for over {LOCK_TIMEOUT}; \
                     start this one again when it has finished"
                ))
            } else {
                e
            }
        })?;
    let result = async {
        refuse_unknown_migrations(&owner).await?;
        Migrator::up(&owner, None).await?;
        if let Some(password) = passwords.app {
            set_role_password(&owner, APP_ROLE, password).await?;
        }
        if let Some(password) = passwords.platform {
            set_role_password(&owner, PLATFORM_ROLE, password).await?;
        }
        Ok::<_, DbErr>(())
    }
    .await;
    owner
        .execute_unprepared("SELECT pg_advisory_unlock(hashtext('atrium.migrations'))")
        .await?;
    owner.close().await?;
    result
}

fn lock_timed_out(e: &DbErr) -> bool {
    e.to_string().contains("55P03") || e.to_string().contains("lock timeout")
}

/// Refuses a database upgraded by a newer build: running old code on a newer schema could
/// corrupt data in ways no test of this build has seen.
async fn refuse_unknown_migrations(owner: &DatabaseConnection) -> Result<(), DbErr> {
    let present = owner
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT to_regclass('seaql_migrations') IS NOT NULL AS present",
        ))
        .await?
        .map(|row| row.try_get::<bool>("", "present"))
        .transpose()?
        .unwrap_or(false);
    if !present {
        return Ok(());
    }
    let known: std::collections::HashSet<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let unknown: Vec<String> = owner
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT version FROM seaql_migrations ORDER BY version",
        ))
        .await?
        .into_iter()
        .filter_map(|row| row.try_get::<String>("", "version").ok())
        .filter(|v| !known.contains(v))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(DbErr::Custom(format!(
            "the database has migrations this build does not know ({}): a newer version of \
             Atrium has upgraded it. Run that version or a newer one; nothing was changed",
            unknown.join(", ")
        )))
    }
}

/// Roles are cluster-wide, so servers for different databases may set the password at the same
/// moment; PostgreSQL then reports "tuple concurrently updated" and a retry settles it.
async fn set_role_password(
    owner: &DatabaseConnection,
    role: &str,
    password: &str,
) -> Result<(), DbErr> {
    let row = owner
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql",
            [role.into(), password.into()],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("could not build ALTER ROLE".into()))?;
    let sql: String = row.try_get("", "sql")?;
    let mut attempt = 0;
    loop {
        match owner.execute_unprepared(&sql).await {
            Ok(_) => return Ok(()),
            Err(e) if attempt < 5 && e.to_string().contains("concurrently") => {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(50 * attempt)).await;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Marks a person as a platform super admin. An operator action: the application role cannot.
pub async fn grant_super_admin(owner_url: &str, email: &str) -> Result<bool, DbErr> {
    let owner = owner_connection(owner_url).await?;
    let result = owner
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE users SET is_super_admin = true WHERE lower(email) = lower($1)",
            [email.into()],
        ))
        .await?;
    owner.close().await?;
    Ok(result.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_shown_without_credentials() {
        assert_eq!(
            address_of("postgres://u:secret@db.example:6543/atrium"),
            "db.example:6543"
        );
        assert_eq!(address_of("postgres://u@127.0.0.1/x"), "127.0.0.1:5432");
        assert_eq!(address_of("postgres:///x"), "localhost:5432");
    }
}
