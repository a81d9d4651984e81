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

/// Applies pending migrations; several servers starting at once take turns.
pub async fn migrate(owner_url: &str, passwords: RolePasswords<'_>) -> Result<(), DbErr> {
    let owner = owner_connection(owner_url).await?;
    owner
        .execute_unprepared("SELECT pg_advisory_lock(hashtext('atrium.migrations'))")
        .await?;
    let result = async {
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
