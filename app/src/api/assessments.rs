//! Quizzes: taking them, automatic grading and score history. Only where assessments are on.

use crate::error::AppError;
use crate::model::learning::{QuizResult, QuizView};
use leptos::server;
use serde::{Deserialize, Serialize};

/// The quizzes of one enrolled course, for the assessments page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseQuizzes {
    pub course_slug: String,
    pub course_title: String,
    pub quizzes: Vec<crate::model::learning::QuizSummary>,
}

#[cfg(feature = "ssr")]
mod imp {
    use crate::auth::Permission;
    use crate::data::repos::{audit, courses, enrollments, quizzes};
    use crate::domain::{self, guards};
    use crate::error::AppError;
    use crate::model::learning::{
        AttemptView, QuizOptionView, QuizQuestionView, QuizResult, QuizView,
    };
    use crate::model::{Feature, FormError};
    use crate::request::TenantScope;
    use std::collections::{HashMap, HashSet};
    use uuid::Uuid;

    /// Scores answers given as `question_id:option_id` pairs. A question counts as right only
    /// when exactly its correct options were chosen.
    pub fn grade(
        questions: &[Question],
        answers: &[String],
    ) -> Result<(u32, HashMap<Uuid, HashSet<Uuid>>), AppError> {
        let mut chosen: HashMap<Uuid, HashSet<Uuid>> = HashMap::new();
        for answer in answers {
            let (q, o) = answer.split_once(':').ok_or(AppError::BadRequest(
                "That answer wasn't understood.".into(),
            ))?;
            let (q, o) = (Uuid::parse_str(q), Uuid::parse_str(o));
            let (Ok(q), Ok(o)) = (q, o) else {
                return Err(AppError::BadRequest(
                    "That answer wasn't understood.".into(),
                ));
            };
            chosen.entry(q).or_default().insert(o);
        }
        let mut correct = 0;
        for (question, options) in questions {
            let picked = chosen.get(&question.id).cloned().unwrap_or_default();
            if picked.is_empty() {
                return Err(AppError::Form(FormError::AnswerEveryQuestion));
            }
            if !question.multiple && picked.len() > 1 {
                return Err(AppError::BadRequest(
                    "Choose one answer for single-choice questions.".into(),
                ));
            }
            if picked
                .iter()
                .any(|o| !options.iter().any(|opt| opt.id == *o))
            {
                return Err(AppError::BadRequest(
                    "That answer wasn't understood.".into(),
                ));
            }
            let right: HashSet<Uuid> = options
                .iter()
                .filter(|o| o.is_correct)
                .map(|o| o.id)
                .collect();
            if picked == right {
                correct += 1;
            }
        }
        Ok((correct, chosen))
    }

    type Question = (
        crate::data::entities::quiz_question::Model,
        Vec<crate::data::entities::quiz_option::Model>,
    );

    /// A quiz an enrolled learner may take, and its questions.
    struct LearnerQuiz {
        tx: crate::data::TenantTx,
        member: crate::auth::Member,
        quiz: crate::data::entities::quiz::Model,
        course: crate::data::entities::course::Model,
        questions: Vec<Question>,
    }

    /// Finds the quiz for an enrolled member of a published course; a quiz without questions is
    /// still being written and counts as missing.
    async fn learner_quiz(scope: &TenantScope, raw_id: &str) -> Result<LearnerQuiz, AppError> {
        scope.require(Feature::Assessments)?;
        let id = guards::id(raw_id)?;
        let tx = scope.begin().await?;
        let viewer = scope.viewer();
        let member = viewer.require(Permission::Learn)?;
        let quiz = quizzes::find(&tx, id).await?.ok_or(AppError::NotFound)?;
        let course = courses::find(&tx, quiz.course_id)
            .await?
            .filter(|c| c.status == "published")
            .ok_or(AppError::NotFound)?;
        guards::reach(&tx, &member, &course).await?;
        if scope.tenant().assessments_sold() && !Permission::Teach.allows(member.role) {
            crate::domain::billing::entitlements::check_assessments(&tx, member.user_id).await?;
        }
        if enrollments::find(&tx, course.id, member.user_id)
            .await?
            .is_none()
        {
            return Err(AppError::Forbidden);
        }
        let questions = quizzes::questions(&tx, quiz.id).await?;
        if questions.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(LearnerQuiz {
            tx,
            member,
            quiz,
            course,
            questions,
        })
    }

    pub async fn view(scope: &TenantScope, raw_id: &str) -> Result<QuizView, AppError> {
        let LearnerQuiz {
            tx,
            member,
            quiz,
            course,
            questions,
        } = learner_quiz(scope, raw_id).await?;
        let attempts = quizzes::attempts_in_course(&tx, course.id, member.user_id).await?;
        tx.commit().await?;
        let last_result = take_result(scope, quiz.id).await?;
        Ok(QuizView {
            id: quiz.id,
            title: quiz.title,
            course_slug: course.slug,
            course_title: course.title,
            passing_score: quiz.passing_score,
            questions: questions
                .into_iter()
                .map(|(q, options)| QuizQuestionView {
                    id: q.id,
                    prompt: q.prompt,
                    multiple: q.multiple,
                    options: options
                        .into_iter()
                        .map(|o| QuizOptionView {
                            id: o.id,
                            label: o.label,
                        })
                        .collect(),
                })
                .collect(),
            attempts: attempts
                .into_iter()
                .filter(|a| a.quiz_id == quiz.id)
                .map(|a| AttemptView {
                    score: a.score,
                    passed: a.passed,
                    taken_at: a.created_at.to_rfc3339(),
                })
                .collect(),
            last_result,
        })
    }

    /// Where a submitted form's result waits in the session for the page it goes back to.
    fn result_key(quiz_id: Uuid) -> String {
        format!("quiz_result:{quiz_id}")
    }

    /// The result waiting for this quiz's page, if any; shown once.
    async fn take_result(
        scope: &TenantScope,
        quiz_id: Uuid,
    ) -> Result<Option<QuizResult>, AppError> {
        let session = scope.session()?;
        let key = result_key(quiz_id);
        let waiting = session
            .get::<QuizResult>(&key)
            .await
            .map_err(AppError::internal)?;
        // Only a session that held a result is changed (and written back).
        if waiting.is_some() {
            session
                .remove_value(&key)
                .await
                .map_err(AppError::internal)?;
        }
        Ok(waiting)
    }

    pub async fn mine(scope: &TenantScope) -> Result<Vec<super::CourseQuizzes>, AppError> {
        scope.require(Feature::Assessments)?;
        let tx = scope.begin().await?;
        let member = scope.viewer().require(Permission::Learn)?;
        let mut out = Vec::new();
        for enrolment in enrollments::list_for_user(&tx, member.user_id).await? {
            let Some(course) = courses::find(&tx, enrolment.course_id).await? else {
                continue;
            };
            if course.status != "published" {
                continue;
            }
            let quiz_rows = quizzes::list_for_course(&tx, course.id).await?;
            if quiz_rows.is_empty() {
                continue;
            }
            let attempts = quizzes::attempts_in_course(&tx, course.id, member.user_id).await?;
            let mut list = Vec::new();
            for q in quiz_rows {
                let mine = attempts.iter().filter(|a| a.quiz_id == q.id);
                let count = quizzes::questions(&tx, q.id).await?.len();
                if count == 0 {
                    continue;
                }
                list.push(crate::model::learning::QuizSummary {
                    best_score: mine.clone().map(|a| a.score).max(),
                    passed: mine.clone().any(|a| a.passed),
                    question_count: u32::try_from(count).unwrap_or(u32::MAX),
                    id: q.id,
                    title: q.title,
                    passing_score: q.passing_score,
                });
            }
            if list.is_empty() {
                continue;
            }
            out.push(super::CourseQuizzes {
                course_slug: course.slug,
                course_title: course.title,
                quizzes: list,
            });
        }
        tx.commit().await?;
        Ok(out)
    }

    pub async fn submit(
        scope: &TenantScope,
        raw_id: &str,
        answers: &[String],
    ) -> Result<QuizResult, AppError> {
        let LearnerQuiz {
            tx,
            member,
            quiz,
            course,
            questions,
        } = learner_quiz(scope, raw_id).await?;
        let total = u32::try_from(questions.len()).unwrap_or(u32::MAX);
        let (correct, chosen) = grade(&questions, answers)?;
        let score = (correct * 100)
            .checked_div(total)
            .map_or(100, |s| i32::try_from(s).unwrap_or(0));
        let passed = score >= quiz.passing_score;
        let answers_json = serde_json::to_value(&chosen).map_err(AppError::internal)?;
        quizzes::record_attempt(
            &tx,
            quizzes::NewAttempt {
                course_id: course.id,
                quiz_id: quiz.id,
                user_id: member.user_id,
                score,
                passed,
                answers: answers_json,
            },
        )
        .await?;
        let progress = domain::refresh_completion(&tx, &course, member.user_id, true).await?;
        audit::record(
            &tx,
            Some(member.user_id),
            "quiz.attempted",
            &quiz.id.to_string(),
            serde_json::json!({ "score": score, "passed": passed }),
        )
        .await?;
        tx.commit().await?;
        let result = QuizResult {
            score,
            passed,
            correct,
            total,
            course_complete: progress.complete,
        };
        if crate::request::plain_form_post() {
            scope
                .session()?
                .insert(&result_key(quiz.id), &result)
                .await
                .map_err(AppError::internal)?;
        }
        Ok(result)
    }
}

#[server]
pub async fn quiz(quiz_id: String) -> Result<QuizView, AppError> {
    crate::request::serve(async |scope| imp::view(scope, &quiz_id).await).await
}

/// Grades a quiz attempt. `answers` holds `question_id:option_id` for every chosen option.
#[server]
pub async fn submit_quiz(
    quiz_id: String,
    #[server(default)] answers: Vec<String>,
) -> Result<QuizResult, AppError> {
    use crate::model::url::encode;
    let back = format!("/assessments/{}", encode(&quiz_id));
    // A refused plain post comes back with the options already picked, so nothing is lost.
    let picked = picked_options(&answers);
    crate::request::serve_form(&back, &[("picked", &picked)], async |scope| {
        let result = imp::submit(scope, &quiz_id, &answers).await?;
        // A form post goes back to the quiz, which shows the result kept in the session.
        crate::request::finish_form(scope.href(&back));
        Ok(result)
    })
    .await
}

/// The option ids in `question:option` answers, comma-separated (for the quiz page to tick them
/// again). Anything that is not an id is dropped.
#[cfg(feature = "ssr")]
fn picked_options(answers: &[String]) -> String {
    answers
        .iter()
        .filter_map(|a| a.split_once(':'))
        .filter_map(|(_, option)| uuid::Uuid::parse_str(option).ok())
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Quizzes of the viewer's enrolled courses, with their best scores.
#[server]
pub async fn my_quizzes() -> Result<Vec<CourseQuizzes>, AppError> {
    crate::request::serve(async |scope| imp::mine(scope).await).await
}
