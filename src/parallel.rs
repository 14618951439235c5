//! The thread pool that loading and rendering share (rayon's global pool).
//!
//! One thread per core: the pages go to disk on the sink's own writer
//! thread (`output::sink`), so the pool's threads only compute and never
//! wait on the file system. Two threads per core, the old setting from
//! when every renderer wrote its own files, gave no faster builds once
//! the writer thread existed, and 20–25 % more peak memory (measured in
//! docs/benchmarks). `RAYON_NUM_THREADS` still overrides it.

/// Threads per core.
const THREADS_PER_CORE: usize = 1;

/// Sizes the global pool; call once, before any parallel work.
pub fn init() {
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Fails only when the pool already exists, which keeps its size.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores * THREADS_PER_CORE)
        .build_global();
}
