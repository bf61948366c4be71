//! The data layer: the dataset model, dates, loading with positioned errors, council
//! lookup and the timeline maths every view shares.

pub mod cache;
pub mod compare;
pub mod context;
pub mod date;
pub mod find;
pub mod league;
pub mod load;
pub mod metrics;
pub mod model;
pub mod progress;
pub mod raw;
pub mod tally;
pub mod timeline;
pub mod transitions;
pub mod went;

pub use date::Date;
pub use model::{Council, Dataset, Grade, Rating, Scale, Scheme};
pub use timeline::{Reading, Segment, Timeline};

/// The dataset compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../assets/councils.ron");
