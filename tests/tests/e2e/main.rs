//! End-to-end tests: the real bot, in-process, talking HTTP to a fake Telegram Bot API, each
//! test with its own fake server and SQLite file.

mod broadcast;
mod browser;
mod comments;
mod composition;
mod consent;
mod dashboard;
mod dashboard_browser;
mod dashboard_pages;
mod digest;
mod doctor;
mod groups;
mod help;
mod input;
mod join;
mod language;
mod lifecycle;
mod mydata;
mod network;
mod network_intros;
mod network_people;
mod ops;
mod outage;
mod resilience;
mod restore;
mod retention;
mod rights;
mod roles;
mod sandbox;
mod surveys;
mod trust;
