//! The thread pool that loading, rendering and writing share (rayon's
//! global pool), sized for a pipeline that spends much of its time in the
//! file system.
//!
//! A 10,000-event build creates 20,000 folders and 20,000 files; perf puts
//! half or more of its samples in the kernel's mkdir/open/write, where a
//! thread can wait on locks and disk. With twice as many threads as cores
//! the cores stay busy while some threads wait, and on a machine shared
//! with other work the build gets its share of the CPU. Measured in
//! docs/benchmarks; `RAYON_NUM_THREADS` still overrides it.

/// Threads per core.
const THREADS_PER_CORE: usize = 2;

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
