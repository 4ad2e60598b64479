pub mod bench;
pub mod fake_api;
pub mod fixtures;
pub mod harness;
pub mod process;
