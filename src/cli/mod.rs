//! Code of the `dossier` binary only: what the library leaves to the edge.

pub mod report;
