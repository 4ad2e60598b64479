pub mod bench;
pub mod dashboard;
pub use coloop_bot::sandbox::telegram as fake_api;
pub mod fixtures;
pub mod harness;
pub mod process;
pub mod sandbox;
pub mod webdriver;
