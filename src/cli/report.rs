//! How the command line shows problems: compiler-style diagnostics with the offending
//! line (miette), one JSON object per finding, and the exit code for each kind of error.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use dossier::{BuildOptions, Diagnostic, Error};
use rayon::prelude::*;

/// Prints an error of a command that writes no site; exit 2 for bad usage, else 1.
pub fn report_error(error: &Error) -> ExitCode {
    match error {
        Error::Content(problems) => {
            for problem in problems {
                eprintln!("{}", render(problem));
            }
            ExitCode::from(1)
        }
        Error::Usage(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        other => {
            eprintln!("error: {other}");
            ExitCode::from(1)
        }
    }
}

/// One finding as a JSON object on one line.
pub fn json(problem: &Diagnostic) -> String {
    serde_json::json!({
        "file": problem.file.display().to_string(),
        "line": problem.line,
        "column": problem.column,
        "severity": problem.severity.key(),
        "code": problem.code.map_or("content", |c| c.key()),
        "message": problem.message,
        "hint": problem.hint,
    })
    .to_string()
}

pub fn fail(error: &Error, options: &BuildOptions) -> ExitCode {
    let output = options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    match error {
        Error::Content(problems) => {
            for problem in problems {
                eprintln!("{}", render(problem));
            }
            eprintln!(
                "error: the build found {} problem(s); {} was left unchanged",
                problems.len(),
                output.display()
            );
            ExitCode::from(1)
        }
        Error::Usage(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        other => {
            eprintln!("error: {other}; {} was left unchanged", output.display());
            eprintln!(
                "  help: check that the output's parent folder exists and is writable and that the disk has space, or pass --output DIR"
            );
            ExitCode::from(1)
        }
    }
}

/// Prints every finding to stderr as [`render`] shows it, in order. Each rendering
/// reads its file again and lays out the snippet, so batches are rendered side by side
/// (10,000 warnings took half a second on one core) and memory holds one batch.
pub fn eprint_all(problems: &[Diagnostic]) {
    for batch in problems.chunks(512) {
        let rendered: Vec<String> = batch.par_iter().map(render).collect();
        let mut out = std::io::BufWriter::new(std::io::stderr().lock());
        for text in rendered {
            // A closed stderr leaves nobody to tell; the exit code still says it.
            if writeln!(out, "{text}").is_err() {
                return;
            }
        }
        if out.flush().is_err() {
            return;
        }
    }
}

/// A diagnostic in compiler style: message, `file:line:column`, the offending line, hint.
pub fn render(problem: &Diagnostic) -> String {
    let mut diagnostic = MietteDiagnostic::new(problem.message.clone());
    if !problem.is_error() {
        diagnostic = diagnostic.with_severity(miette::Severity::Warning);
    }
    if let Some(hint) = &problem.hint {
        diagnostic = diagnostic.with_help(hint.clone());
    }
    // A file refused for its size is not read again just to show a snippet.
    let source = std::fs::metadata(&problem.file)
        .is_ok_and(|m| m.len() <= dossier::input::MAX_FILE_BYTES)
        .then(|| std::fs::read_to_string(&problem.file).ok())
        .flatten();
    let offset = match (&source, problem.line) {
        (Some(text), Some(line)) => byte_offset(text, line, problem.column.unwrap_or(1)),
        _ => None,
    };
    let report = match (source, offset) {
        (Some(text), Some(offset)) => {
            let len = text[offset..]
                .find(['\n', '\r'])
                .unwrap_or(text.len() - offset)
                .clamp(1, 80);
            let len = (0..=len)
                .rev()
                .find(|l| text.is_char_boundary(offset + l))
                .unwrap_or(0);
            diagnostic = diagnostic.with_label(LabeledSpan::at(offset..offset + len, "here"));
            Report::new(diagnostic)
                .with_source_code(NamedSource::new(problem.file.display().to_string(), text))
        }
        _ => {
            diagnostic = diagnostic.with_code(problem.location());
            Report::new(diagnostic)
        }
    };
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        return problem.to_string();
    }
    format!("{}: {}\n{out}", problem.severity.key(), problem.location())
}

/// Byte offset of a 1-based line and column (counted in characters).
fn byte_offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum();
    let rest = text.get(start..)?;
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}
