//! The thread pool that loading and rendering share (rayon's global pool).
//!
//! One thread per core: the pages go to disk on the sink's own writer
//! thread (`output::sink`), so the pool's threads only compute and never
//! wait on the file system. Two threads per core, the old setting from
//! when every renderer wrote its own files, gave no faster builds once
//! the writer thread existed, and 20–25 % more peak memory (measured in
//! docs/benchmarks). `RAYON_NUM_THREADS` still overrides it.
//!
//! glibc's allocator gives each thread that allocates its own arena (up
//! to eight per core), and memory freed in one arena is not reused by
//! another: pages rendered on one thread and written on the writer thread
//! leave every arena holding its own free space. Two arenas cut the peak
//! of a 10,000-event build from 339 to 274 MiB (docs/benchmarks);
//! `MALLOC_ARENA_MAX` still overrides it.

/// Threads per core.
const THREADS_PER_CORE: usize = 1;

/// Sizes the global pool and the allocator's arenas; call once, before
/// any parallel work.
pub fn init() {
    limit_malloc_arenas();
    if std::env::var_os("RAYON_NUM_THREADS").is_some() {
        return;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Fails only when the pool already exists, which keeps its size.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores * THREADS_PER_CORE)
        .build_global();
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    /// glibc arenas for the whole process (see the module's comment).
    const MALLOC_ARENAS: libc::c_int = 2;
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; it is called
        // before any other thread exists.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
