//! Tells the tests whether the project's source data sits beside the repository
//! (`../shared/data` and `../shared/seeds`): the tests that cross-check the embedded
//! dataset against it are compiled as ignored, with the reason, when it does not, so
//! `cargo test` reports them as skipped instead of passing them silently.
//!
//! Added `../shared` after a build without it? `touch build.rs` to look again (cargo
//! cannot watch a folder that does not exist without rebuilding every time).

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    for (dir, cfg) in [("data", "shared_data"), ("seeds", "shared_seeds")] {
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        let path = Path::new("../shared").join(dir);
        if path.is_dir() {
            println!("cargo::rustc-cfg={cfg}");
            // Watched only while it exists: a missing path would rerun this every build.
            println!("cargo::rerun-if-changed={}", path.display());
        }
    }
}
