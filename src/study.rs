//! The study loop: SQLite store, FSRS scheduling, drills and stats.
