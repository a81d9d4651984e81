//! When a learner earns a certificate: on completing the course and, where the course sets a
//! minimum score (and the tenant has assessments on), reaching it in the best attempt at each
//! of the course's quizzes. A certificate, once issued, stands: later changes to the course do
//! not take it away; an admin can withdraw it with a reason.

use super::progress::Records;
use crate::data::TenantTx;
use crate::data::entities::course;
use crate::data::repos::certificates::{self, NewCertificate};
use crate::error::AppError;
use crate::model::certificate::{CODE_LEN, CertificateCode};
use uuid::Uuid;

/// Whether `user`, having `complete`d `course`, reached its minimum score on every quiz in
/// `countable`.
pub fn earned(
    course: &course::Model,
    countable: &[Uuid],
    records: &Records,
    user: Uuid,
    complete: bool,
    assessments_on: bool,
) -> bool {
    if !complete {
        return false;
    }
    let Some(minimum) = course.certificate_min_score.filter(|_| assessments_on) else {
        return true;
    };
    let attempts = records.attempts(course.id, user);
    countable.iter().all(|quiz| {
        attempts
            .iter()
            .filter(|a| a.quiz_id == *quiz)
            .map(|a| a.score)
            .max()
            .is_some_and(|best| best >= minimum)
    })
}

/// A new code from the operating system's generator: 28 × 5 = 140 random bits.
pub fn new_code() -> Result<CertificateCode, AppError> {
    let mut digits = [0u8; CODE_LEN];
    getrandom::fill(&mut digits).map_err(AppError::internal)?;
    Ok(CertificateCode::from_digits(&digits))
}

/// Issues `user`'s certificate of `course` unless they have one; true when this call did.
pub async fn issue(tx: &TenantTx, course: &course::Model, user: Uuid) -> Result<bool, AppError> {
    let code = new_code()?;
    let issued = certificates::issue(
        tx,
        NewCertificate {
            course_id: course.id,
            user_id: user,
            code: code.as_str(),
            course_title: &course.title,
        },
    )
    .await?;
    if issued {
        tracing::info!(course = %course.slug, "certificate issued");
    }
    Ok(issued)
}
