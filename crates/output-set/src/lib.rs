//! The output folder of annotext: what a run, a shard, `verify` and `combine` may do in it.
//!
//! A run writes its set into a staging folder and moves it into place with its manifest only
//! once every output is complete ([`staging`]); one run at a time holds a folder ([`lock`]); a
//! folder's manifest lists every file of the set with its digest ([`manifest`]), which
//! [`verify`] checks; shards fill a dataset side by side ([`shard`], [`dataset`]).

pub mod dataset;
pub mod error;
pub mod folder;
pub mod lock;
pub mod manifest;
pub mod names;
pub mod pause;
pub mod shard;
pub mod staging;
pub mod verify;

pub use error::{OutputSetError, Result};
