//! The `dossier` command: parses the command line, runs the library, prints diagnostics
//! and decides the exit code.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
mod cli;

use cli::report::{eprint_all, fail, json, render, report_error};
use dossier::BuildOptions;

/// Build a static website of diplomacy briefings, actors and a timeline from Markdown files.
#[derive(Parser)]
#[command(name = "dossier", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default: <root>/public).
    Build(BuildArgs),
    /// Check everything a build would, and warn about what editors should fix, without writing the site.
    Check(CheckArgs),
    /// Write a new briefing, actor or event file with its front matter to fill in.
    New(NewArgs),
    /// Create a new site folder with an example of each kind of content.
    Init(InitArgs),
    /// Turn a plain-text document in seeds/ into a draft briefing.
    Import(ImportArgs),
    /// Serve the site on this machine and reload open pages when a file changes.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// The site folder: the one holding site.yaml, content/, templates/, static/ and seeds/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Where to write the site; replaced whole, and only when the build succeeds.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Absolute URL the site is published at, for feeds, sitemap and canonical links;
    /// overrides `base_url` in site.yaml. Page links stay relative either way.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include briefings marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Print the time each stage took, CPU time and peak memory.
    #[arg(long)]
    timings: bool,
}

impl BuildArgs {
    fn run(self) -> ExitCode {
        let options = BuildOptions {
            root: self.root,
            output: self.output,
            base_url: self.base_url,
            drafts: self.drafts,
        };
        match dossier::build(&options) {
            Ok(report) => {
                for warning in &report.outputs.warnings {
                    eprintln!("warning: {warning}");
                }
                println!("{}", report.summary());
                if self.timings {
                    print!("{}", report.timings());
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error, &options),
        }
    }
}

#[derive(Args)]
struct CheckArgs {
    /// The site folder: the one holding site.yaml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// How to print findings: `human` (compiler style) or `json` (one object per line).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 when there are warnings, too.
    #[arg(long)]
    deny_warnings: bool,
    /// Check drafts as `build --drafts` would publish them.
    #[arg(long)]
    drafts: bool,
    /// The day dates are compared with for "in the future" (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    today: Option<dossier::date::PartialDate>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
}

impl CheckArgs {
    fn run(self) -> ExitCode {
        let options = dossier::check::CheckOptions {
            root: self.root,
            drafts: self.drafts,
            today: self.today.unwrap_or_else(today),
        };
        let findings = match dossier::check::check(&options) {
            Ok(findings) => findings,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(1);
            }
        };
        let mut stdout = std::io::stdout().lock();
        for finding in findings.all.iter().filter(|_| self.format == Format::Json) {
            // A reader that stops early (`| head`) is not an error of ours.
            if writeln!(stdout, "{}", json(finding)).is_err() {
                break;
            }
        }
        if self.format == Format::Human {
            eprint_all(&findings.all);
            eprintln!(
                "check: {} error(s), {} warning(s)",
                findings.errors(),
                findings.warnings()
            );
            if !findings.all.is_empty() {
                eprintln!("  by kind: {}", findings.kinds_line());
            }
        }
        let failed = findings.errors() > 0 || (self.deny_warnings && findings.warnings() > 0);
        if failed {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

#[derive(Args)]
struct NewArgs {
    /// What to create.
    #[arg(value_enum)]
    kind: NewKind,
    /// The title (for an actor: the name); the file name is made from it.
    title: String,
    /// The site folder: the one holding site.yaml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The date for the file name and `date:` (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    date: Option<dossier::date::PartialDate>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum NewKind {
    Briefing,
    Actor,
    Event,
}

impl NewArgs {
    fn run(self) -> ExitCode {
        let kind = match self.kind {
            NewKind::Briefing => dossier::scaffold::Kind::Briefing,
            NewKind::Actor => dossier::scaffold::Kind::Actor,
            NewKind::Event => dossier::scaffold::Kind::Event,
        };
        let date = self.date.unwrap_or_else(today);
        match dossier::scaffold::new_file(&self.root, kind, &self.title, &date) {
            Ok(path) => {
                println!("Created {}", path.display());
                ExitCode::SUCCESS
            }
            Err(error) => report_error(&error),
        }
    }
}

#[derive(Args)]
struct InitArgs {
    /// The new site's folder; it must not exist yet or be empty.
    dir: PathBuf,
}

impl InitArgs {
    fn run(self) -> ExitCode {
        match dossier::scaffold::init(&self.dir) {
            Ok(files) => {
                println!(
                    "Created a site with {} files in {}. Next: cd {} && dossier serve",
                    files.len(),
                    self.dir.display(),
                    self.dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(error) => report_error(&error),
        }
    }
}

#[derive(Args)]
struct ImportArgs {
    /// The document, a plain-text file in the site's seeds/ folder.
    file: PathBuf,
    /// The site folder: the one holding site.yaml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The draft's date (YYYY-MM-DD); default today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    date: Option<dossier::date::PartialDate>,
}

impl ImportArgs {
    fn run(self) -> ExitCode {
        let date = self.date.unwrap_or_else(today);
        match dossier::import::import(&self.root, &self.file, &date) {
            Ok(draft) => {
                println!("Created {} (draft)", draft.path.display());
                println!("Actors found: {}", draft.actors.join(", "));
                ExitCode::SUCCESS
            }
            Err(error) => report_error(&error),
        }
    }
}

#[cfg(feature = "serve")]
#[derive(Args)]
struct ServeArgs {
    /// The site folder: the one holding site.yaml.
    #[arg(long, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// The port; default 1111, or the next free one. 0 picks any free port.
    #[arg(long, value_name = "N")]
    port: Option<u16>,
    /// The address to listen on; keep the default (this machine only) unless you know why.
    #[arg(long, default_value = "127.0.0.1", value_name = "IP")]
    bind: std::net::IpAddr,
    /// Leave out drafts, as `build` does (serve shows them by default).
    #[arg(long)]
    no_drafts: bool,
}

#[cfg(feature = "serve")]
impl ServeArgs {
    fn run(self) -> ExitCode {
        use dossier::serve::ServeEvent;
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = std::sync::Arc::clone(&stop);
        if let Err(e) =
            ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::SeqCst))
        {
            eprintln!("warning: Ctrl-C will not stop the server cleanly: {e}");
        }
        let options = dossier::serve::ServeOptions {
            root: self.root,
            bind: self.bind,
            port: self.port,
            drafts: !self.no_drafts,
            stop,
        };
        let mut report = |event: ServeEvent<'_>| match event {
            ServeEvent::Listening { url } => {
                say(&format!(
                    "Serving {} at {url} (Ctrl-C to stop)",
                    options.root.display()
                ));
            }
            ServeEvent::Built {
                what,
                changed,
                outputs,
                elapsed,
            } => {
                let because = changed_list(changed);
                say(&format!("{what}{because} in {} ms", elapsed.as_millis()));
                if !changed.is_empty() {
                    say(&format!("  {}", outputs_list(outputs)));
                }
            }
            ServeEvent::Failed { problems, changed } => {
                for problem in problems {
                    eprintln!("{}", render(problem));
                }
                eprintln!(
                    "error: {} problem(s){}; the browser shows them until they are fixed",
                    problems.len(),
                    changed_list(changed)
                );
            }
        };
        match dossier::serve::serve(&options, &mut report) {
            Ok(()) => {
                say("Stopped.");
                ExitCode::SUCCESS
            }
            Err(error) => report_error(&error),
        }
    }
}

/// A line of progress; a closed stdout (the terminal gone, `| head`) must not stop
/// the server.
#[cfg(feature = "serve")]
fn say(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The output files a change touched, the first few by name.
#[cfg(feature = "serve")]
fn outputs_list(outputs: &[String]) -> String {
    if outputs.is_empty() {
        return "no page changed".into();
    }
    let names: Vec<&str> = outputs.iter().take(8).map(String::as_str).collect();
    let more = outputs.len().saturating_sub(8);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{} file(s) changed: {}{more}",
        outputs.len(),
        names.join(", ")
    )
}

#[cfg(feature = "serve")]
fn changed_list(changed: &[PathBuf]) -> String {
    if changed.is_empty() {
        return String::new();
    }
    let names: Vec<String> = changed
        .iter()
        .take(5)
        .map(|p| p.display().to_string())
        .collect();
    let more = changed.len().saturating_sub(5);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(" after a change to {}{more}", names.join(", "))
}

/// A full date for file names.
fn parse_day(text: &str) -> Result<dossier::date::PartialDate, String> {
    let date = dossier::date::PartialDate::parse(text)?;
    if date.day.is_none() {
        return Err("give a full date, YYYY-MM-DD".into());
    }
    Ok(date)
}

/// Today's date from the system clock: only `check` (future dates) and `new` use it.
fn today() -> dossier::date::PartialDate {
    dossier::date::PartialDate::from_naive(chrono::Local::now().date_naive())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
        Command::Import(args) => args.run(),
        #[cfg(feature = "serve")]
        Command::Serve(args) => args.run(),
    }
}

// Page rendering allocates many short-lived strings and maps on two threads; mimalloc
// handles that pattern markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
