//! How courses' level requirements look to one viewer: the level's name, and whether it locks
//! the course for them. (`guards::reach` enforces the same rule on every learner path.)

use crate::auth::{Permission, Viewer};
use crate::data::TenantTx;
use crate::data::repos::levels;
use crate::model::CourseSummary;
use sea_orm::DbErr;
use std::collections::HashMap;
use uuid::Uuid;

pub struct LevelLabels {
    levels: HashMap<Uuid, (String, i32)>,
    viewer_rank: Option<i32>,
    staff: bool,
}

impl LevelLabels {
    /// Reads what it needs only when one of `required` is set: a tenant without levels pays
    /// no query for them.
    pub async fn load(
        tx: &TenantTx,
        viewer: &Viewer,
        required: impl IntoIterator<Item = Option<Uuid>>,
    ) -> Result<Self, DbErr> {
        let mut labels = Self {
            levels: HashMap::new(),
            viewer_rank: None,
            staff: viewer.role().is_some_and(|r| Permission::Teach.allows(r)),
        };
        if required.into_iter().all(|r| r.is_none()) {
            return Ok(labels);
        }
        labels.levels = levels::ranks(tx)
            .await?
            .into_iter()
            .map(|(id, name, rank)| (id, (name, rank)))
            .collect();
        if let (Some(user), Some(_)) = (viewer.user_id(), viewer.role()) {
            labels.viewer_rank = levels::member_rank(tx, user).await?;
        }
        Ok(labels)
    }

    /// Writes the requirement of a course into its summary.
    pub fn apply(&self, required: Option<Uuid>, summary: &mut CourseSummary) {
        let Some((name, rank)) = required.and_then(|id| self.levels.get(&id)) else {
            return;
        };
        summary.level = Some(name.clone());
        summary.locked = !self.staff && self.viewer_rank.is_none_or(|mine| mine < *rank);
    }
}
