//! Quiz authoring: questions, options, correct answers, passing score. Assessments tenants only.

use crate::error::AppError;
use crate::model::studio::QuizDraft;
use leptos::server;

#[cfg(feature = "ssr")]
mod imp {
    use super::super::guard;
    use crate::data::TenantTx;
    use crate::data::entities::{course, quiz};
    use crate::data::repos::quizzes;
    use crate::error::AppError;
    use crate::model::Feature;
    use crate::model::studio::{FieldError, QuizDraft, QuizOptionDraft, QuizQuestionDraft};
    use crate::request::TenantScope;

    pub async fn with_quiz_course<T>(
        scope: &TenantScope,
        raw_course: &str,
        f: impl AsyncFnOnce(&TenantTx, &course::Model) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        scope.require(Feature::Assessments)?;
        guard::with_course(scope, raw_course, f).await
    }

    async fn quiz_of(tx: &TenantTx, c: &course::Model, raw: &str) -> Result<quiz::Model, AppError> {
        quizzes::find(tx, guard::id(raw)?)
            .await?
            .filter(|q| q.course_id == c.id)
            .ok_or(AppError::NotFound)
    }

    fn settings(raw_title: &str, passing: i32) -> Result<String, AppError> {
        let mut errors = Vec::new();
        let t = guard::text(&mut errors, "title", raw_title, 200, true, "a title");
        if !(0..=100).contains(&passing) {
            errors.push(FieldError::new(
                "passing_score",
                "The pass mark is a percentage from 0 to 100.",
            ));
        }
        if errors.is_empty() {
            Ok(t)
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    pub async fn create(
        scope: &TenantScope,
        tx: &TenantTx,
        c: &course::Model,
        raw_title: &str,
        passing: i32,
    ) -> Result<String, AppError> {
        let t = settings(raw_title, passing)?;
        let q = quizzes::create(tx, c.id, &t, passing).await?;
        Ok(scope.href(&format!("/studio/courses/{}/quizzes/{}", c.id, q.id)))
    }

    pub async fn draft(tx: &TenantTx, c: &course::Model, raw: &str) -> Result<QuizDraft, AppError> {
        let q = quiz_of(tx, c, raw).await?;
        let questions = quizzes::questions(tx, q.id).await?;
        Ok(QuizDraft {
            id: q.id,
            course_id: c.id,
            course_title: c.title.clone(),
            title: q.title,
            passing_score: q.passing_score,
            questions: questions
                .into_iter()
                .map(|(question, options)| QuizQuestionDraft {
                    id: question.id,
                    prompt: question.prompt,
                    multiple: question.multiple,
                    options: options
                        .into_iter()
                        .map(|o| QuizOptionDraft {
                            label: o.label,
                            correct: o.is_correct,
                        })
                        .collect(),
                })
                .collect(),
        })
    }

    pub async fn save(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        raw_title: &str,
        passing: i32,
    ) -> Result<(), AppError> {
        let q = quiz_of(tx, c, raw).await?;
        quizzes::update(tx, q.id, &settings(raw_title, passing)?, passing).await?;
        Ok(())
    }

    /// Checks a question: a prompt, two or more options, and the right number of correct ones.
    pub fn check_question(
        prompt: &str,
        multiple: bool,
        options: &[String],
        correct: &[usize],
    ) -> Result<(String, Vec<(String, bool)>), AppError> {
        let mut errors = Vec::new();
        let prompt = guard::text(&mut errors, "prompt", prompt, 2000, true, "the question");
        let filled: Vec<(usize, String)> = options
            .iter()
            .enumerate()
            .map(|(i, o)| (i, o.trim().to_owned()))
            .filter(|(_, o)| !o.is_empty())
            .collect();
        if filled.len() < 2 {
            errors.push(FieldError::new(
                "options",
                "Give at least two answers to choose from.",
            ));
        }
        if filled.iter().any(|(_, o)| o.chars().count() > 500) {
            errors.push(FieldError::new(
                "options",
                "Keep each answer under 500 characters.",
            ));
        }
        let right = filled.iter().filter(|(i, _)| correct.contains(i)).count();
        if right == 0 {
            errors.push(FieldError::new("correct", "Mark the correct answer."));
        } else if !multiple && right > 1 {
            errors.push(FieldError::new("correct", "A single-answer question has exactly one correct answer. Allow several answers, or untick the others."));
        }
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        Ok((
            prompt,
            filled
                .into_iter()
                .map(|(i, o)| (o, correct.contains(&i)))
                .collect(),
        ))
    }

    pub async fn add_question(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        prompt: &str,
        multiple: bool,
        options: &[String],
        correct: &[usize],
    ) -> Result<(), AppError> {
        let q = quiz_of(tx, c, raw).await?;
        let (prompt, opts) = check_question(prompt, multiple, options, correct)?;
        let position = quizzes::questions(tx, q.id).await?.len();
        let opts: Vec<(&str, bool)> = opts.iter().map(|(l, ok)| (l.as_str(), *ok)).collect();
        quizzes::add_question(
            tx,
            q.id,
            &prompt,
            multiple,
            i32::try_from(position).unwrap_or(i32::MAX),
            &opts,
        )
        .await?;
        Ok(())
    }

    pub async fn delete_question(
        tx: &TenantTx,
        c: &course::Model,
        raw: &str,
        raw_question: &str,
    ) -> Result<(), AppError> {
        let q = quiz_of(tx, c, raw).await?;
        if !quizzes::delete_question(tx, q.id, guard::id(raw_question)?).await? {
            return Err(AppError::NotFound);
        }
        Ok(())
    }

    pub async fn delete(tx: &TenantTx, c: &course::Model, raw: &str) -> Result<(), AppError> {
        let q = quiz_of(tx, c, raw).await?;
        quizzes::delete(tx, q.id).await?;
        Ok(())
    }
}

/// Creates a quiz for a course; returns its editor.
#[server]
pub async fn create_quiz(
    course_id: String,
    title: String,
    passing_score: i32,
) -> Result<String, AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::create(scope, tx, c, &title, passing_score).await
        })
        .await
    })
    .await
}

#[server]
pub async fn quiz_for_editing(course_id: String, quiz_id: String) -> Result<QuizDraft, AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::draft(tx, c, &quiz_id).await
        })
        .await
    })
    .await
}

#[server]
pub async fn save_quiz(
    course_id: String,
    quiz_id: String,
    title: String,
    passing_score: i32,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::save(tx, c, &quiz_id, &title, passing_score).await
        })
        .await
    })
    .await
}

/// Adds a question. `options` are the answer texts (blank ones ignored); `correct` holds the
/// indices of the right ones.
#[server]
pub async fn add_question(
    course_id: String,
    quiz_id: String,
    prompt: String,
    multiple: Option<String>,
    #[server(default)] options: Vec<String>,
    #[server(default)] correct: Vec<usize>,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::add_question(
                tx,
                c,
                &quiz_id,
                &prompt,
                multiple.is_some(),
                &options,
                &correct,
            )
            .await
        })
        .await
    })
    .await
}

#[server]
pub async fn delete_question(
    course_id: String,
    quiz_id: String,
    question_id: String,
) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::delete_question(tx, c, &quiz_id, &question_id).await
        })
        .await
    })
    .await
}

#[server]
pub async fn delete_quiz(course_id: String, quiz_id: String) -> Result<(), AppError> {
    crate::request::serve(async |scope| {
        imp::with_quiz_course(scope, &course_id, async |tx, c| {
            imp::delete(tx, c, &quiz_id).await
        })
        .await
    })
    .await
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::imp::check_question;

    #[test]
    fn questions_need_options_and_the_right_number_of_answers() {
        let opts = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_question("Q?", false, &opts(&["a", "b", ""]), &[1]).is_ok());
        assert!(
            check_question("Q?", false, &opts(&["a", "", ""]), &[0]).is_err(),
            "one option"
        );
        assert!(
            check_question("Q?", false, &opts(&["a", "b"]), &[]).is_err(),
            "none correct"
        );
        assert!(
            check_question("Q?", false, &opts(&["a", "b"]), &[0, 1]).is_err(),
            "two correct, single"
        );
        assert!(check_question("Q?", true, &opts(&["a", "b"]), &[0, 1]).is_ok());
        assert!(
            check_question(" ", true, &opts(&["a", "b"]), &[0]).is_err(),
            "no prompt"
        );
        let (_, kept) =
            check_question("Q?", false, &opts(&["a", "", "c"]), &[2]).unwrap_or_default();
        assert_eq!(
            kept,
            vec![("a".to_string(), false), ("c".to_string(), true)]
        );
    }
}
