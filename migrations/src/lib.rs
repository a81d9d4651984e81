//! Atrium's schema: tables, roles, Row-Level Security policies and triggers, as plain SQL.
//!
//! Each migration is one SQL file applied in one transaction. Files are append-only: a change to
//! the schema is a new file, never an edit of one that has shipped.

use sea_orm_migration::prelude::*;

pub use sea_orm_migration::{MigrationName, MigratorTrait};

/// One migration read from `src/sql/`.
struct SqlMigration {
    name: &'static str,
    sql: &'static str,
}

impl MigrationName for SqlMigration {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for SqlMigration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(self.sql)
            .await?;
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}

macro_rules! sql_migrations {
    ($($name:literal),* $(,)?) => {
        vec![$(Box::new(SqlMigration {
            name: $name,
            sql: include_str!(concat!("sql/", $name, ".sql")),
        }) as Box<dyn MigrationTrait>),*]
    };
}

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        sql_migrations![
            "0001_roles_and_helpers",
            "0002_tenants",
            "0003_users_and_memberships",
            "0004_courses",
            "0005_learning_and_audit",
            "0006_sessions",
            "0007_orders",
            "0008_assessments",
            "0009_community",
            "0010_studio",
            "0011_private_people_and_platform_login",
            "0012_tenant_change_notices",
            "0013_portal_list_by_person",
            "0014_console",
            "0015_invitations",
            "0016_jobs",
            "0017_row_audit",
            "0018_support_sessions",
            "0019_analytics",
            "0020_tenant_admin",
            "0021_member_levels",
            "0022_branding_uploads",
            "0023_tenant_analytics",
            "0024_subscriptions",
            "0025_simulated_payments",
            "0026_billing_jobs",
            "0027_billing_outlives_membership",
            "0028_course_sales_on_invoices",
            "0029_readiness",
            "0030_tenant_usage",
            "0031_certificates",
        ]
    }
}
