//! How fast the host is right now, in work that does not depend on dossier's code.
//!
//! These machines drift: the same 10,000 briefings were built in 1.4 s and in 2.0 s
//! within ninety minutes, and a 100,000 build spent 8 s or 20 s in the kernel depending
//! on what the page cache held. The bench prints this reference before and after its
//! runs, so that a reader of two sets of figures can see whether the host changed
//! under them. So far it has shown less than hoped: in sessions 6 and 7 the CPU loop
//! stayed at ~290 ms and the other figures within a few percent while 10,000 builds
//! moved by a tenth to a fifth (in session 7, 1.43 and 1.50 s for one binary, 1.61 s
//! for one with at most 1.3% more instructions, page cache emptied before each). The
//! file figure does follow what the page cache holds, and in session 8's slow hours
//! (10,000 in 1.65-2.2 s) the random reads took 571-791 ms against 479-514 ms in
//! session 7's fast bench. Two binaries run alternately (`--dossier`) remain the
//! dependable comparison.

use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

const PAGE: usize = 4096;
const NEW_MEMORY: usize = 512 << 20;
const PAGE_CACHE: usize = 256 << 20;
const WALK: usize = 64 << 20;
const FILES: usize = 2_000;
const FILE_BYTES: usize = 30 << 10;

/// One line: a fixed CPU loop, first touches of fresh memory, writing into the page
/// cache (a new file in `scratch`, removed again), and creating page-sized files (left in
/// `scratch`, the bench's trash).
pub fn reference(scratch: &Path) -> String {
    let cpu = timed(cpu_loop);
    let walk = timed(random_walk);
    let memory = timed(touch_new_memory);
    let cache = shown(timed_io(|| {
        write_new_file(&scratch.join("host-reference.bin"))
    }));
    let files = shown(timed_io(|| create_files(scratch)));
    format!(
        "host reference: CPU loop {cpu:.0} ms, random reads in {} MiB {walk:.0} ms, \
         first touch of {} MiB {memory:.0} ms, {} MiB into the page cache {cache}, \
         {FILES} files of {} KiB {files}",
        WALK >> 20,
        NEW_MEMORY >> 20,
        PAGE_CACHE >> 20,
        FILE_BYTES >> 10
    )
}

fn shown(ms: std::io::Result<f64>) -> String {
    match ms {
        Ok(ms) => format!("{ms:.0} ms"),
        Err(e) => format!("not measured ({e})"),
    }
}

fn timed(work: impl FnOnce()) -> f64 {
    let started = Instant::now();
    work();
    started.elapsed().as_secs_f64() * 1000.0
}

fn timed_io(work: impl FnOnce() -> std::io::Result<()>) -> std::io::Result<f64> {
    let mut result = Ok(());
    let ms = timed(|| result = work());
    result.map(|()| ms)
}

/// Integer work with a dependency chain and a few branches, like a parser's.
fn cpu_loop() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut sum: u64 = 0;
    for _ in 0..150_000_000u32 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if x & 3 == 0 {
            sum = sum.wrapping_add(x >> 3);
        }
    }
    black_box(sum);
}

/// Reads that each depend on the last, all over a table larger than the caches: what
/// following pointers through a large index costs, and what other guests of the host
/// slow down when they share its caches and memory.
fn random_walk() {
    let slots = WALK / std::mem::size_of::<u32>();
    // One cycle through every slot, in an order that defeats the prefetcher.
    let step = (2_654_435_761u64 as usize % slots) | 1;
    let mut next = vec![0u32; slots];
    for (i, slot) in next.iter_mut().enumerate() {
        *slot = ((i + step) % slots) as u32;
    }
    let mut at = 0usize;
    for _ in 0..3_000_000u32 {
        at = next[at] as usize;
    }
    black_box(at);
}

/// The cost the kernel (and under a virtual machine, the host) charges for memory a
/// process has not used before: what a build pays for its heap.
fn touch_new_memory() {
    let mut memory: Vec<u8> = Vec::with_capacity(NEW_MEMORY);
    let spare = memory.spare_capacity_mut();
    for page in spare.chunks_mut(PAGE) {
        page[0].write(1);
    }
    black_box(&memory);
}

/// What a build pays for each page beyond its bytes: a new file in a folder of
/// thousands, as `briefings/` is. The kernel's part of a 10,000 build is mostly this and
/// the bytes; in session 7, 5,000 such files took 0.24 s with the page cache emptied and
/// 0.55 s with ~15 GB of earlier output cached. The files stay: deleting them would slow
/// the next build's file creation.
fn create_files(scratch: &Path) -> std::io::Result<()> {
    let dir = scratch.join(format!("host-files-{}", std::process::id()));
    std::fs::create_dir(&dir)?;
    let page = vec![b'x'; FILE_BYTES];
    for i in 0..FILES {
        std::fs::File::create_new(dir.join(format!("p{i:05}.html")))?.write_all(&page)?;
    }
    Ok(())
}

/// What a build pays for each byte of output it writes.
fn write_new_file(path: &Path) -> std::io::Result<()> {
    let chunk = vec![b'x'; 64 << 10];
    let mut file = std::fs::File::create_new(path)?;
    for _ in 0..PAGE_CACHE / chunk.len() {
        file.write_all(&chunk)?;
    }
    drop(file);
    std::fs::remove_file(path)
}
