//! The integration tests, one binary (one link of the crate and its dependencies
//! instead of one per file): each module drives trajex as a user does and checks what
//! the user sees.

#![forbid(unsafe_code)]

mod common;

mod cli;
mod embedded_dataset;
mod explorer;
mod explorer_tools;
mod export;
mod files;
mod filter;
mod hostile;
mod properties;
mod pty;
mod pty_load;
