//! What the server keeps between edits, and how it rebuilds after one: the quick paths
//! for a briefing edited in place, else an incremental rebuild.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::fingerprint::Outputs;
use super::{ServeEvent, State, body_edit, front_edit, incremental};
use crate::config::BuildOptions;
use crate::error::{Diagnostic, Error};

/// What the server remembers between rebuilds.
pub(super) struct Session {
    build: BuildOptions,
    /// The server's temporary folder (the site is built in its `site` folder).
    scratch: PathBuf,
    /// The last good build, for partial rebuilds.
    previous: Option<incremental::Built>,
    /// Sources changed since the last good build (a broken site may see several edits).
    pending: Vec<PathBuf>,
    /// Sources whose edits went the quick way; the feeds, search and data files do not
    /// show them yet (they follow when the watcher is quiet).
    stale: Vec<PathBuf>,
    outputs: Outputs,
}

impl Session {
    /// A session with nothing built yet, building into `scratch`'s `site` folder.
    pub(super) fn new(build: BuildOptions, scratch: PathBuf) -> Self {
        Session {
            build,
            scratch,
            previous: None,
            pending: Vec::new(),
            stale: Vec::new(),
            outputs: Outputs::default(),
        }
    }

    /// Rebuilds after `changed` (paths relative to the site) and tells the pages.
    pub(super) fn rebuild(
        &mut self,
        state: &State,
        changed: &[PathBuf],
        report: &mut dyn FnMut(ServeEvent<'_>),
    ) {
        let started = Instant::now();
        if self.pending.is_empty() && self.quick(state, changed, started, report) {
            return;
        }
        self.pending.extend_from_slice(changed);
        let result = incremental::rebuild(
            &self.build,
            Path::new(""),
            self.previous.as_mut(),
            &self.pending,
        );
        let problems = match result {
            Ok(done) => {
                let elapsed = started.elapsed();
                let differ = self.outputs.update(&state.site_dir);
                let rendered: usize = done.written.pages.values().sum();
                let what = if rendered < done.total {
                    format!("Rendered {rendered} of {} pages", done.total)
                } else {
                    format!("Rebuilt all {} pages", done.total)
                };
                report(ServeEvent::Built {
                    what,
                    changed,
                    outputs: &differ,
                    elapsed,
                });
                self.previous = Some(done.built);
                self.pending.clear();
                self.stale.clear();
                Vec::new()
            }
            Err(Error::Content(problems)) => problems,
            Err(other) => vec![Diagnostic::new(&self.build.root, other.to_string())],
        };
        if !problems.is_empty() {
            report(ServeEvent::Failed {
                problems: &problems,
                changed,
            });
        }
        state.publish(problems);
    }
}

impl Session {
    /// The quick paths for one briefing whose body alone changed (see [`body_edit`])
    /// or whose front matter changed without moving it in any list (see
    /// [`front_edit`]): the pages that show it are served again at once; the feeds,
    /// search and data files follow when the watcher is quiet (see
    /// [`Session::refresh_outputs`]). False if the change needs a rebuild.
    fn quick(
        &mut self,
        state: &State,
        changed: &[PathBuf],
        started: Instant,
        report: &mut dyn FnMut(ServeEvent<'_>),
    ) -> bool {
        let Some(built) = self.previous.as_mut() else {
            return false;
        };
        let site_dir = &state.site_dir;
        let Some(edit) = body_edit::Edit::load(built, &self.build, changed) else {
            return false;
        };
        let scratch = &self.scratch;
        let done = if edit.body_only(built) {
            body_edit::rerender(built, edit, site_dir, scratch).map(|r| r.map(|p| (1, vec![p])))
        } else {
            front_edit::rerender(built, edit, site_dir, scratch)
        };
        let (rendered, pages) = match done {
            None => return false,
            Some(Ok(done)) => done,
            Some(Err(_)) => {
                // The kept index may no longer match the served site: rebuild it all.
                self.previous = None;
                return false;
            }
        };
        let elapsed = started.elapsed();
        state.publish(Vec::new());
        report(ServeEvent::Built {
            what: format!("Rendered {rendered} of {} pages", built.pages.len()),
            changed,
            outputs: &pages,
            elapsed,
        });
        self.outputs.refresh(site_dir, &pages);
        self.stale.extend_from_slice(changed);
        true
    }

    /// Writes the feeds, search and data files again after quick edits (a full
    /// rebuild if that fails).
    pub(super) fn refresh_outputs(
        &mut self,
        state: &State,
        report: &mut dyn FnMut(ServeEvent<'_>),
    ) {
        let Some(built) = self.previous.as_ref().filter(|_| !self.stale.is_empty()) else {
            return;
        };
        let started = Instant::now();
        let stale = std::mem::take(&mut self.stale);
        match body_edit::refresh_outputs(built, &self.build, &state.site_dir, &self.scratch) {
            Ok(files) => {
                self.outputs.refresh(&state.site_dir, &files);
                report(ServeEvent::Built {
                    what: format!("Updated {} feed, search and data file(s)", files.len()),
                    changed: &stale,
                    outputs: &files,
                    elapsed: started.elapsed(),
                });
            }
            Err(_) => {
                self.previous = None;
                self.rebuild(state, &stale, report);
            }
        }
    }
}
