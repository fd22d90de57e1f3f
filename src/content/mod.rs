//! Lessons and quizzes: loading, validating and rendering-to-model.
//!
//! For now this is the chapter's table of contents; the markdown lessons arrive with their issue.

/// One lesson of the chapter, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonMeta {
    /// URL segment: `/lesson/<slug>`.
    pub slug: &'static str,
    /// Fluent message id of the title.
    pub title_key: &'static str,
}

/// The chapter's lessons in reading order.
pub const LESSONS: &[LessonMeta] = &[
    LessonMeta {
        slug: "kind-ha",
        title_key: "lesson-kind-ha",
    },
    LessonMeta {
        slug: "haproxy-workers",
        title_key: "lesson-haproxy-workers",
    },
    LessonMeta {
        slug: "traffic",
        title_key: "lesson-traffic",
    },
    LessonMeta {
        slug: "kubelet-failure",
        title_key: "lesson-kubelet-failure",
    },
    LessonMeta {
        slug: "storage",
        title_key: "lesson-storage",
    },
];

/// The lesson with this slug, if any.
pub fn lesson(slug: &str) -> Option<&'static LessonMeta> {
    LESSONS.iter().find(|l| l.slug == slug)
}
