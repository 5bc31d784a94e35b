//! Where a build spends its time and memory: per-stage wall time, resident memory,
//! CPU time and peak memory, for `build --timings` and the benchmark.

use std::time::{Duration, Instant};

use crate::BuildReport;

/// One stage of a build.
#[derive(Debug, Clone)]
pub struct Phase {
    pub name: &'static str,
    pub took: Duration,
    /// CPU time (user + system, all threads) the stage used, where the platform tells.
    pub cpu: Option<Duration>,
    /// Resident memory (KiB) when the stage ended, where the platform tells.
    pub resident_kib: Option<u64>,
}

/// Measures the stages of a build.
pub struct Stopwatch {
    last: Instant,
    last_cpu: Option<f64>,
    pub phases: Vec<Phase>,
}

impl Stopwatch {
    pub fn new() -> Self {
        Stopwatch {
            last: Instant::now(),
            last_cpu: cpu_seconds(),
            phases: Vec::new(),
        }
    }

    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let resident_kib = status_field("VmRSS:");
        let cpu_now = cpu_seconds();
        let cpu = match (self.last_cpu, cpu_now) {
            (Some(before), Some(now)) => Some(Duration::from_secs_f64((now - before).max(0.0))),
            _ => None,
        };
        self.phases.push(Phase {
            name,
            took: now - self.last,
            cpu,
            resident_kib,
        });
        self.last = now;
        self.last_cpu = cpu_now;
    }
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch::new()
    }
}

impl BuildReport {
    /// The table `build --timings` prints.
    pub fn timings(&self) -> String {
        let mut out = String::new();
        for phase in &self.phases {
            let memory = phase.resident_kib.map_or(String::new(), |k| {
                format!("  {:>7.1} MiB resident", k as f64 / 1024.0)
            });
            // The wall time comes first: the bench reads the first number of a line.
            let cpu = phase
                .cpu
                .map_or(String::new(), |c| format!("  cpu {:>7.0} ms", ms(c)));
            out.push_str(&format!(
                "  {:<18} {:>8.1} ms{cpu}{memory}\n",
                phase.name,
                ms(phase.took)
            ));
        }
        out.push_str(&format!("  {:<18} {:>8.1} ms\n", "total", ms(self.elapsed)));
        if let Some(cpu) = cpu_seconds() {
            out.push_str(&format!(
                "  {:<18} {:>8.1} ms\n",
                "cpu (user+sys)",
                cpu * 1000.0
            ));
        }
        if let Some(peak) = status_field("VmHWM:") {
            out.push_str(&format!(
                "  {:<18} {:>8.1} MiB\n",
                "peak memory",
                peak as f64 / 1024.0
            ));
        }
        // The HTML pages only: feeds, data, calendars and search are streamed beside them.
        let mib = self.written.bytes as f64 / 1_048_576.0;
        out.push_str(&format!("  {:<18} {:>8.1} MiB\n", "page bytes", mib));
        out
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A KiB figure from /proc/self/status (Linux), e.g. `VmHWM:` for peak memory.
fn status_field(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User plus system CPU seconds of this process (Linux /proc; 100 clock ticks a second).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}
