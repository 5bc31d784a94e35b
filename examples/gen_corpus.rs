//! Writes a deterministic synthetic archive in dossier's real content format, for the
//! benchmark: `cargo run --release --example gen_corpus -- --briefings 10000 --out DIR`.
//! What it writes is described in `examples/corpus/mod.rs`.

use std::path::PathBuf;

#[path = "corpus/mod.rs"]
mod corpus;

fn main() -> std::io::Result<()> {
    let mut briefings = 1000usize;
    let mut actor_count = 200usize;
    let mut out = PathBuf::from("corpus");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().unwrap_or_default();
        match arg.as_str() {
            "--briefings" => briefings = value.parse().unwrap_or(briefings),
            "--actors" => actor_count = value.parse().unwrap_or(actor_count),
            "--out" => out = PathBuf::from(value),
            other => {
                eprintln!("unknown argument {other}; use --briefings N --actors A --out DIR");
                std::process::exit(2);
            }
        }
    }
    corpus::write_corpus(&out, briefings, actor_count)?;
    println!(
        "wrote {briefings} briefings and {actor_count} actors to {}",
        out.display()
    );
    Ok(())
}
