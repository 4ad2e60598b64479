pub mod fake_api;
pub mod harness;
pub mod process;
