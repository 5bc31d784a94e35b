//! A minimal HTTP/1.1 server for local previews: GET and HEAD of the built files, and a
//! server-sent event stream announcing rebuilds. One thread per connection; every
//! response closes its connection. It binds loopback by default and is not meant for
//! the open internet.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::State;
use super::page;

/// Accepts connections until `state.stop` is set.
pub fn run(listener: TcpListener, state: Arc<State>) {
    if listener.set_nonblocking(true).is_err() {
        return;
    }
    while !state.stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let state = Arc::clone(&state);
                std::thread::spawn(move || {
                    // A client that hangs up mid-response is no concern of ours.
                    let _ = handle(stream, &state);
                });
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(25)),
        }
    }
}

struct Request {
    method: String,
    path: String,
    query: String,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Skip the headers: nothing in them changes what we send.
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let target = target.split('#').next().unwrap_or_default();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    Ok(Some(Request {
        method: method.to_string(),
        path: path.to_string(),
        query: query.to_string(),
    }))
}

fn handle(mut stream: TcpStream, state: &State) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(request) = read_request(&stream)? else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain",
            b"bad request",
            true,
        );
    };
    let head_only = request.method == "HEAD";
    if request.method != "GET" && !head_only {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only",
            true,
        );
    }
    if request.path == page::EVENTS_PATH {
        return events(stream, state, &request.query);
    }
    let is_folder = local_path(&state.site_dir, &request.path).is_some_and(|p| p.is_dir());
    if is_folder && !request.path.ends_with('/') {
        // Relative links in the folder's index.html only work from the folder's own URL.
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {}/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            request.path
        );
        return stream.write_all(head.as_bytes());
    }
    let (generation, problems) = state.snapshot();
    let overlay = (!problems.is_empty()).then(|| page::overlay(&problems, &state.root));
    let Some(file) = resolve(&state.site_dir, &request.path) else {
        let body = match &overlay {
            Some(_) => page::standalone("dossier", generation, overlay.as_deref()),
            None => page::standalone("404: no such page", generation, None),
        };
        let status = if overlay.is_some() {
            "200 OK"
        } else {
            "404 Not Found"
        };
        return respond(
            &mut stream,
            status,
            "text/html; charset=utf-8",
            body.as_bytes(),
            head_only,
        );
    };
    let bytes = std::fs::read(&file)?;
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        let html = String::from_utf8_lossy(&bytes);
        let body = page::inject(&html, generation, overlay.as_deref());
        return respond(&mut stream, "200 OK", kind, body.as_bytes(), head_only);
    }
    respond(&mut stream, "200 OK", kind, &bytes, head_only)
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// The server-sent event stream: a `reload` event as soon as the site is newer than the
/// page that asks (`?since=N`), and a comment every few seconds to keep it open.
fn events(mut stream: TcpStream, state: &State, query: &str) -> std::io::Result<()> {
    let mut seen: u64 = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          Connection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()?;
    while !state.stop.load(Ordering::SeqCst) {
        let generation = state.wait_newer(seen, Duration::from_secs(5));
        if generation > seen {
            seen = generation;
            stream.write_all(format!("event: reload\ndata: {generation}\n\n").as_bytes())?;
        } else {
            stream.write_all(b": waiting\n\n")?;
        }
        stream.flush()?;
    }
    Ok(())
}

/// Where a URL path points inside the site folder; `None` if it tries to leave it.
fn local_path(site: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut path = site.to_path_buf();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p if p.contains('\\') => return None,
            p => path.push(p),
        }
    }
    Some(path)
}

/// The built file a URL path stands for; folders give their `index.html`.
fn resolve(site: &Path, url_path: &str) -> Option<PathBuf> {
    let mut path = local_path(site, url_path)?;
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = std::env::temp_dir().join(format!("dossier-http-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("seeds/files")).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        std::fs::write(dir.join("seeds/files/a b.txt"), "x").unwrap();
        assert_eq!(resolve(&dir, "/"), Some(dir.join("index.html")));
        assert_eq!(
            resolve(&dir, "/seeds/files/a%20b.txt"),
            Some(dir.join("seeds/files/a b.txt"))
        );
        assert_eq!(resolve(&dir, "/../index.html"), None);
        assert_eq!(resolve(&dir, "/%2e%2e/index.html"), None);
        assert_eq!(resolve(&dir, "/missing.html"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
