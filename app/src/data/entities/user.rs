use sea_orm::entity::prelude::*;

/// A person. Global, not tenant-owned: tenants reach people through memberships, and the
/// application role sees only the columns below (the password hash lives in `user_credentials`,
/// which it cannot read; `is_super_admin` is for the platform role).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
