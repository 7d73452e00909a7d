//! lambda-tutor: a terminal tutor for AWS Lambda and serverless computing.
//!
//! Data flows one way: files → domain model (`course`, `quiz`, `sim`, `study`)
//! → app state (`tui`) → frame. The domain modules know nothing of the
//! terminal; the terminal layer knows nothing of file formats.

pub mod cli;
pub mod commands;
pub mod context;
pub mod course;
pub mod facts;
pub mod infra;
pub mod lab;
pub mod markdown;
pub mod plain;
pub mod practice;
pub mod quiz;
pub mod sim;
pub mod study;
pub mod text;
pub mod tui;
