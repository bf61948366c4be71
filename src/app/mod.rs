//! The explorer's state and how keys change it: plain data, no terminal.

pub mod keys;

use crate::data::{Dataset, Date};

/// Everything the explorer shows, as plain data.
pub struct App {
    pub dataset: Dataset,
    pub today: Date,
}

impl App {
    pub fn new(dataset: Dataset, today: Date) -> Self {
        Self { dataset, today }
    }
}
