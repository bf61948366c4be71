//! libFuzzer target: any bytes as a dataset file, through load and validate, then
//! the views and exports when it loads. `cargo +nightly fuzz run load` (see
//! docs/reliability.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../exercise.rs");

fuzz_target!(|data: &[u8]| exercise(data));
