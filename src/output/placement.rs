//! Where the file system puts a build's folders: away from the files the
//! previous build just freed.
//!
//! ext4 without a journal (common on VMs and CI runners, and the benchmark
//! machine) avoids reusing an inode freed in the last one to six minutes:
//! each new file or folder scans past every such inode in its block group,
//! reading the inode table as it goes. New folders normally go in their
//! parent's group, which is exactly where the previous output was deleted,
//! so right after `rm -rf public` (or our own swap) a 10,000-event build
//! spent 20–30 s of kernel time creating 40,000 inodes, against 2–3 s on a
//! quiet disk (docs/benchmarks has the measurements).
//!
//! Two hints steer ext4's Orlov allocator elsewhere: the staging folder is
//! marked a "top directory" (`chattr +T`), which spreads its subfolders
//! over the disk, and each subfolder is first made under a name of its own
//! for this build (the spread starts at a hash of the name), then renamed.
//! Both are hints: on other file systems, or when the flag cannot be set,
//! nothing changes but the speed.

use std::path::Path;

/// Marks `dir` so ext4 spreads the folders made in it across block groups.
/// Best effort: a file system without the flag ignores or refuses it.
#[cfg(target_os = "linux")]
pub fn spread_subfolders(dir: &Path) {
    use std::os::fd::AsRawFd;
    /// `FS_TOPDIR_FL` from linux/fs.h: "top of directory hierarchies".
    const FS_TOPDIR_FL: libc::c_int = 0x0002_0000;
    let Ok(folder) = std::fs::File::open(dir) else {
        return;
    };
    let fd = folder.as_raw_fd();
    let mut flags: libc::c_int = 0;
    // SAFETY: both ioctls read or write one c_int through a pointer to a
    // live local, on a descriptor that `folder` keeps open.
    unsafe {
        if libc::ioctl(fd, libc::FS_IOC_GETFLAGS, &mut flags) == 0 {
            flags |= FS_TOPDIR_FL;
            libc::ioctl(fd, libc::FS_IOC_SETFLAGS, &flags);
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn spread_subfolders(_dir: &Path) {}

/// A suffix unique to this build, for the provisional folder names.
pub fn build_nonce() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!("{:x}{:08x}", std::process::id(), nanos)
}
