//! Quizzes: scoring, review and spaced-repetition scheduling (arrives with its issue).
