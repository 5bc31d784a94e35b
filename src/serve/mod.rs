//! `dossier serve`: builds the site into a temporary folder, serves it on loopback,
//! rebuilds when a source changes and tells open pages to reload; while the site is
//! broken it keeps serving the last good build with the problems in an overlay.

mod body_edit;
mod fingerprint;
mod front_edit;
mod http;
mod incremental;
pub mod page;
mod session;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::config::BuildOptions;
use crate::error::{Diagnostic, Error, Result};
use session::Session;

/// The port tried first when none is given; the next free one is taken if it is busy.
pub const DEFAULT_PORT: u16 = 1111;

/// What to serve, where, and the flag that stops the server (set it from a Ctrl-C handler).
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// `None`: 1111 or the next free port; `Some(0)`: any free port.
    pub port: Option<u16>,
    pub drafts: bool,
    pub stop: Arc<AtomicBool>,
}

/// What the server reports to the terminal.
#[derive(Debug)]
pub enum ServeEvent<'a> {
    Listening {
        url: String,
    },
    /// The site was rebuilt (`what`: pages and files) after `changed` changed;
    /// `outputs` are the site's files whose content differs from the last build.
    Built {
        what: String,
        changed: &'a [PathBuf],
        outputs: &'a [String],
        elapsed: Duration,
    },
    /// The site does not build; the browser shows these until they are fixed.
    Failed {
        problems: &'a [Diagnostic],
        changed: &'a [PathBuf],
    },
}

/// What every connection shares: the build's folder and state, and the stop flag.
struct State {
    root: PathBuf,
    site_dir: PathBuf,
    stop: Arc<AtomicBool>,
    status: Mutex<Status>,
    rebuilt: Condvar,
}

#[derive(Default)]
struct Status {
    /// Counts builds, so a page can tell whether it is older than the site.
    generation: u64,
    problems: Vec<Diagnostic>,
}

impl State {
    fn snapshot(&self) -> (u64, Vec<Diagnostic>) {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        (status.generation, status.problems.clone())
    }

    /// Waits until the generation passes `seen` or `timeout` ends; returns the generation.
    fn wait_newer(&self, seen: u64, timeout: Duration) -> u64 {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = self
            .rebuilt
            .wait_timeout_while(status, timeout, |s| s.generation <= seen)
            .unwrap_or_else(|e| e.into_inner());
        status.generation
    }

    fn publish(&self, problems: Vec<Diagnostic>) {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        status.generation += 1;
        status.problems = problems;
        self.rebuilt.notify_all();
    }
}

/// A temporary folder removed when the server stops.
struct Scratch(PathBuf);

impl Scratch {
    fn create() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!("dossier-serve-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Serves the site until `options.stop` is set, reporting through `report`.
pub fn serve(options: &ServeOptions, report: &mut dyn FnMut(ServeEvent<'_>)) -> Result<()> {
    if !options.root.join("site.yaml").is_file() {
        return Err(Error::Usage(format!(
            "{} holds no site.yaml; run dossier serve in a site folder or pass --root",
            options.root.display()
        )));
    }
    let root =
        std::fs::canonicalize(&options.root).map_err(|e| Error::io("open", &options.root, e))?;
    let scratch = Scratch::create()?;
    // Rebuilds re-read only the briefings that changed.
    crate::content::cache::enable();
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("bind", "socket", e))?;
    let state = Arc::new(State {
        site_dir: scratch.0.join("site"),
        root: options.root.clone(),
        stop: Arc::clone(&options.stop),
        status: Mutex::new(Status::default()),
        rebuilt: Condvar::new(),
    });
    let mut watcher = watch::Watcher::new(&root)
        .map_err(|e| Error::io("watch", &root, std::io::Error::other(e.to_string())))?;
    // Built from the root as given, so problems name files as the user wrote the path.
    let build = BuildOptions {
        root: options.root.clone(),
        output: Some(state.site_dir.clone()),
        base_url: None,
        drafts: options.drafts,
    };
    let mut session = Session::new(build, scratch.0.clone());
    session.rebuild(&state, &[], report);
    let server = {
        let state = Arc::clone(&state);
        std::thread::spawn(move || http::run(listener, state))
    };
    report(ServeEvent::Listening {
        url: format!("http://{}/", display_address(address)),
    });
    while !options.stop.load(Ordering::SeqCst) {
        let changed = watcher.next_batch(Duration::from_millis(200));
        if changed.is_empty() {
            // Quiet for a moment: bring the feeds, search and data files up to date.
            session.refresh_outputs(&state, report);
            continue;
        }
        let shown: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(&root).unwrap_or(p).to_path_buf())
            .collect();
        match static_only(&root, &changed) {
            Some(files) => copy_static(&root, &state, &files, &shown, report),
            None => session.rebuild(&state, &shown, report),
        }
    }
    state.stop.store(true, Ordering::SeqCst);
    state.rebuilt.notify_all();
    let _ = server.join();
    drop(scratch);
    Ok(())
}

fn display_address(address: SocketAddr) -> String {
    match address {
        SocketAddr::V6(v6) => format!("[{}]:{}", v6.ip(), v6.port()),
        SocketAddr::V4(v4) => v4.to_string(),
    }
}

fn bind(ip: IpAddr, port: Option<u16>) -> Result<TcpListener> {
    let ports: Vec<u16> = match port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + 100).collect(),
    };
    let mut last = None;
    for p in ports {
        match TcpListener::bind((ip, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some((p, e)),
        }
    }
    let (p, e) = last.unwrap_or((0, std::io::Error::other("no port to try")));
    Err(Error::Usage(format!(
        "cannot listen on {ip}:{p}: {e}; choose another --port"
    )))
}

/// The changed files if all are files in `static/` that still exist (they are copied,
/// no page changes); `None` when the pages must be rebuilt.
fn static_only(root: &Path, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let dir = root.join("static");
    changed
        .iter()
        .map(|p| {
            let relative = p.strip_prefix(&dir).ok()?;
            // A removed file (the stylesheet falls back to the built-in one) needs a build.
            p.is_file().then(|| relative.to_path_buf())
        })
        .collect()
}

fn copy_static(
    root: &Path,
    state: &State,
    files: &[PathBuf],
    changed: &[PathBuf],
    report: &mut dyn FnMut(ServeEvent<'_>),
) {
    let started = Instant::now();
    let mut problems = state.snapshot().1;
    for relative in files {
        let from = root.join("static").join(relative);
        let to = state.site_dir.join(relative);
        // Copied beside and renamed over: the served file may be linked to older builds'.
        let beside = to.with_file_name(".dossier-copy");
        let copied = to
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(&from, &beside).map(|_| ()))
            .and_then(|()| std::fs::rename(&beside, &to));
        if let Err(e) = copied {
            problems.push(Diagnostic::new(
                &from,
                format!("cannot copy into the preview: {e}"),
            ));
        }
    }
    let copied: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().replace('\\', "/"))
        .collect();
    report(ServeEvent::Built {
        what: format!("Copied {} static file(s)", files.len()),
        changed,
        outputs: &copied,
        elapsed: started.elapsed(),
    });
    state.publish(problems);
}
