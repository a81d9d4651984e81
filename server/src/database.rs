//! Start-up database work done with the owner connection: migrations, the application role's
//! password, operator grants. The running application never holds this connection.

use crate::config::APP_ROLE;
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
};
use std::time::Duration;

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

/// Applies pending migrations; several servers starting at once take turns.
pub async fn migrate(owner_url: &str, app_role_password: Option<&str>) -> Result<(), DbErr> {
    let owner = owner_connection(owner_url).await?;
    owner
        .execute_unprepared("SELECT pg_advisory_lock(hashtext('atrium.migrations'))")
        .await?;
    let result = async {
        Migrator::up(&owner, None).await?;
        if let Some(password) = app_role_password {
            set_app_role_password(&owner, password).await?;
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
async fn set_app_role_password(owner: &DatabaseConnection, password: &str) -> Result<(), DbErr> {
    let row = owner
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', $1::text, $2::text) AS sql",
            [APP_ROLE.into(), password.into()],
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
