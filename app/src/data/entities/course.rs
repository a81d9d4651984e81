use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "courses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub access_level: String,
    pub status: String,
    pub price_cents: i32,
    pub quiz_required: bool,
    pub version: i32,
    pub cover_image: Option<String>,
    /// The member level a learner needs to reach this course (migration 0021).
    pub required_level_id: Option<Uuid>,
    /// The score a learner must reach on each quiz for a certificate (migration 0031).
    pub certificate_min_score: Option<i32>,
    pub published_at: Option<DateTimeWithTimeZone>,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
