//! Typed errors of the library, and `Diagnostic`, one finding about one input file.

use std::fmt;
use std::path::PathBuf;

/// One problem found in the site's input, with where it is and how to fix it.
///
/// Positions count from the top of the file (1-based), not from the YAML block,
/// so an editor can jump straight to them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hint: Option<String>,
    /// Errors stop a build; warnings are only shown (by `dossier check`).
    pub severity: Severity,
    /// A stable name for the kind of finding, for machines (`check --format json`).
    pub code: Option<Code>,
}

/// The kinds of finding that have a name of their own (the others are plain content errors).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    BrokenLink,
    BrokenAnchor,
    UnlistedActor,
    UnmentionedActor,
    QuoteNotInBody,
    EventWithoutSources,
    UnconfirmedAsFact,
    OrphanActor,
    FutureDate,
}

impl Code {
    /// The code as printed: `broken-link`, `future-date`, …
    pub fn key(self) -> &'static str {
        match self {
            Code::BrokenLink => "broken-link",
            Code::BrokenAnchor => "broken-anchor",
            Code::UnlistedActor => "unlisted-actor",
            Code::UnmentionedActor => "unmentioned-actor",
            Code::QuoteNotInBody => "quote-not-in-body",
            Code::EventWithoutSources => "event-without-sources",
            Code::UnconfirmedAsFact => "unconfirmed-as-fact",
            Code::OrphanActor => "orphan-actor",
            Code::FutureDate => "future-date",
        }
    }
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    #[default]
    Error,
    Warning,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            severity: Severity::Error,
            code: None,
        }
    }

    /// The same finding as a warning with a stable code.
    pub fn warning(mut self, code: Code) -> Self {
        self.severity = Severity::Warning;
        self.code = Some(code);
        self
    }

    /// Names the kind of finding.
    pub fn code(mut self, code: Code) -> Self {
        self.code = Some(code);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_opt(mut self, position: Option<(usize, usize)>) -> Self {
        if let Some((line, column)) = position {
            self = self.at(line, column);
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column`, as compilers print it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file.display()),
            (Some(l), None) => format!("{}:{l}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's content has problems; all of them are listed.
    #[error("{} problem(s) in the site's content", .0.len())]
    Content(Vec<Diagnostic>),
    #[error("cannot {action} {}: {source}", .path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid option: {0}")]
    Usage(String),
    /// A file that `new`, `init` or `import` would create is already there.
    #[error("{} already exists; dossier does not overwrite files (choose another title, or move the file away)", .0.display())]
    Exists(PathBuf),
}

impl Error {
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
