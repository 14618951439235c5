//! The output folder under stress (issue 16): builds started together, a
//! build killed at every step of its swap, `--out` through a symbolic link,
//! and output folders that cannot be written (read-only, not-writable
//! parent, full disk, mount point, a file on the way). Each case checks the
//! message and its hint, that the previous site is complete (never mixed)
//! and that no staging or old-build folder is left behind.

mod common;

use common::TestSite;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every file under `dir` (relative path → hash of its bytes).
fn tree(dir: &Path) -> BTreeMap<String, u64> {
    let mut hashes = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk output folder");
        if entry.file_type().is_dir() {
            continue;
        }
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::fs::read(entry.path()).unwrap().hash(&mut hasher);
        let relative = entry.path().strip_prefix(dir).unwrap();
        hashes.insert(relative.display().to_string(), hasher.finish());
    }
    hashes
}

/// `yilnoma build --base-url https://example.org/<version>/ …` in `site`,
/// with extra environment variables: every page then names its version in
/// every link, so a mixture of two builds shows.
fn build_command(site: &TestSite, version: &str, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_yilnoma"));
    command
        .args(["build", "--base-url"])
        .arg(format!("https://example.org/{version}/"))
        .current_dir(site.root());
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// Builds `version` into its own folder once, as the reference a complete
/// output must equal.
fn reference(site: &TestSite, version: &str) -> BTreeMap<String, u64> {
    let out = site.root().join(format!("reference-{version}"));
    let status = build_command(site, version, &[])
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "reference build of {version}");
    tree(&out)
}

/// The `.public.yilnoma-*` folders and files beside public/.
fn leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with(".public.yilnoma-"))
        .collect()
}

/// Runs `command` to its end, failing the test past `bound` (a hang).
fn finish(mut command: Command, bound: Duration) -> std::process::Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    result
        .recv_timeout(bound)
        .unwrap_or_else(|_| panic!("build {id} still running after {bound:?}"))
        .unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

const BOUND: Duration = Duration::from_secs(120);

#[test]
fn builds_started_together_leave_one_complete_site() {
    // Issue 16: two builds of one site started together mixed in public/.
    let site = TestSite::new("minimal");
    let versions = ["v1", "v2", "v3", "v4"];
    let references: Vec<_> = versions.iter().map(|v| reference(&site, v)).collect();
    let children: Vec<_> = versions
        .iter()
        .map(|v| {
            build_command(&site, v, &[])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
    }
    let built = tree(&site.out());
    assert!(
        references.contains(&built),
        "public/ matches none of the builds: a mixture"
    );
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_build_waits_for_the_one_holding_the_output_and_says_so() {
    let site = TestSite::new("minimal");
    // This test holds the lock as another build would.
    let lock = std::fs::File::create(site.root().join(".public.yilnoma-lock")).unwrap();
    lock.lock().unwrap();
    let mut child = build_command(&site, "v1", &[])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    // The waiting line, perhaps after the start line of a slow build.
    let mut lines = String::new();
    for _ in 0..2 {
        std::io::BufRead::read_line(&mut stderr, &mut lines).unwrap();
        if lines.contains("waiting") {
            break;
        }
    }
    assert!(
        lines.contains("waiting for another build into `public` to finish (process "),
        "{lines}"
    );
    assert!(child.try_wait().unwrap().is_none(), "it did not wait");
    assert!(!site.out().exists(), "it wrote while waiting");
    drop(lock);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < BOUND,
            "still waiting after the lock was freed"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    assert!(site.out().join("index.html").is_file());
}

/// Issue 16: a build killed at each step of its swap; the next build (one
/// that fails, then one that succeeds) must find a complete site, never a
/// mixture, and leave no staging or old-build folder.
#[test]
fn a_build_killed_at_any_step_is_recovered_by_the_next() {
    // Every point the build has, so one added later is tested too.
    let points = yilnoma::output::swap::CrashPoint::ALL.map(|point| point.name());
    assert_eq!(
        points,
        [
            "staged",
            "writing",
            "written",
            "moved-aside",
            "moved-in",
            "removing-old"
        ],
        "a new kill point: say below what a build killed there leaves"
    );
    let site = TestSite::new("minimal");
    let (v1, v2, v3) = (
        reference(&site, "v1"),
        reference(&site, "v2"),
        reference(&site, "v3"),
    );
    let event = site.root().join("content/events/2021-declaration.en.md");
    let good_event = std::fs::read_to_string(&event).unwrap();
    for point in points {
        std::fs::remove_dir_all(site.out()).ok();
        let first = finish(build_command(&site, "v1", &[]), BOUND);
        assert!(first.status.success(), "{}", stderr(&first));
        let killed = finish(
            build_command(&site, "v2", &[("YILNOMA_TEST_CRASH_AT", point)]),
            BOUND,
        );
        assert!(
            !killed.status.success(),
            "{point}: the build was not killed"
        );
        // Its lock file stays; the lock itself died with it, so the next
        // builds must not wait (`finish` fails the test on a hang).
        assert!(
            site.root().join(".public.yilnoma-lock").is_file(),
            "{point}"
        );
        match point {
            // public/ is missing only between the two renames.
            "moved-aside" => assert!(!site.out().exists(), "{point}"),
            "moved-in" | "removing-old" => assert_eq!(tree(&site.out()), v2, "{point}"),
            _ => assert_eq!(tree(&site.out()), v1, "{point}"),
        }
        // A build that fails still puts the previous site back.
        site.write(
            "content/events/2021-declaration.en.md",
            "---\ntitle: [\n---\n",
        );
        let failed = finish(build_command(&site, "v3", &[]), BOUND);
        assert_eq!(
            failed.status.code(),
            Some(1),
            "{point}: {}",
            stderr(&failed)
        );
        let expected = if matches!(point, "moved-in" | "removing-old") {
            &v2
        } else {
            &v1
        };
        assert_eq!(
            &tree(&site.out()),
            expected,
            "{point}: after a failed build"
        );
        if point == "moved-aside" {
            assert!(
                stderr(&failed).contains("the previous site was put back"),
                "{}",
                stderr(&failed)
            );
        }
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{point}");
        site.write("content/events/2021-declaration.en.md", &good_event);
        let next = finish(build_command(&site, "v3", &[]), BOUND);
        assert!(next.status.success(), "{point}: {}", stderr(&next));
        assert_eq!(tree(&site.out()), v3, "{point}: after the next build");
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{point}");
    }
}

/// The first build of a site (no previous output) killed at each step:
/// the next build leaves the complete site and nothing beside it.
#[test]
fn a_first_build_killed_at_any_step_is_recovered_by_the_next() {
    let site = TestSite::new("minimal");
    let v3 = reference(&site, "v3");
    for point in yilnoma::output::swap::CrashPoint::ALL.map(|point| point.name()) {
        std::fs::remove_dir_all(site.out()).ok();
        let killed = finish(
            build_command(&site, "v1", &[("YILNOMA_TEST_CRASH_AT", point)]),
            BOUND,
        );
        if killed.status.success() {
            // A first build has no previous site to move aside or remove.
            assert!(
                matches!(point, "moved-aside" | "removing-old"),
                "{point}: the build was not killed"
            );
        } else if site.out().exists() {
            // Killed after the rename: the new site is complete.
            assert_eq!(point, "moved-in", "{point}: public/ appeared too early");
        }
        let next = finish(build_command(&site, "v3", &[]), BOUND);
        assert!(next.status.success(), "{point}: {}", stderr(&next));
        assert_eq!(tree(&site.out()), v3, "{point}: after the next build");
        assert_eq!(leftovers(&site), Vec::<String>::new(), "{point}");
    }
}

#[cfg(unix)]
#[test]
fn out_that_is_a_link_is_followed_and_the_link_kept() {
    let site = TestSite::new("minimal");
    std::fs::create_dir_all(site.root().join("deploy/site")).unwrap();
    std::os::unix::fs::symlink("deploy/site", site.out()).unwrap();
    for _ in 0..2 {
        site.build().assert_ok();
        assert!(site.out().symlink_metadata().unwrap().is_symlink());
        let target = site.root().join("deploy/site");
        assert!(target.join("index.html").is_file());
        assert!(target.join(".yilnoma-output").is_file());
    }
    assert_eq!(leftovers(&site), Vec::<String>::new());
    let beside_target: Vec<_> = std::fs::read_dir(site.root().join("deploy"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(beside_target, ["site"]);
}

#[cfg(unix)]
#[test]
fn out_that_is_a_link_to_nothing_is_refused() {
    let site = TestSite::new("minimal");
    std::os::unix::fs::symlink("deploy/site", site.out()).unwrap();
    site.build()
        .assert_fails_with(
            "public:1:1: error: refusing to build into `public`: it is a symbolic link to `deploy/site`, which does not exist",
        )
        .assert_fails_with("hint: make the folder the link points to");
    assert!(!site.root().join("deploy").exists());
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn an_empty_source_folder_is_refused_as_out() {
    let site = TestSite::new("minimal");
    for folder in ["static", "templates", "content/empty"] {
        std::fs::create_dir_all(site.root().join(folder)).unwrap();
        site.run(&["build", "--out", folder])
            .assert_fails_with("it is inside a source folder");
        let left: Vec<_> = std::fs::read_dir(site.root().join(folder))
            .unwrap()
            .collect();
        assert!(left.is_empty(), "--out {folder} was written into");
    }
}

#[test]
fn a_file_on_the_way_to_out_is_named() {
    let site = TestSite::new("minimal");
    site.run(&["build", "--out", "book.toml/public"])
        .assert_fails_with("cannot build into `book.toml/public`: `")
        .assert_fails_with("book.toml` is a file, not a folder")
        .assert_fails_with("hint: choose an `--out` whose folders can be made");
}

#[cfg(target_os = "linux")]
#[test]
fn a_mount_point_as_out_is_refused_with_what_to_do() {
    // Every Linux system mounts /proc; nothing is written near it.
    let site = TestSite::new("minimal");
    site.run(&["build", "--out", "/proc"])
        .assert_fails_with("refusing to build into `/proc`: it is a mount point")
        .assert_fails_with("build into a folder inside it, such as `--out /proc/site`");
}

#[test]
fn a_full_disk_gives_one_message_and_keeps_the_previous_site() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let before = tree(&site.out());
    let output = finish(
        build_command(&site, "v2", &[("YILNOMA_TEST_DISK_FULL_AFTER", "3")]),
        BOUND,
    );
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert_eq!(
        text.matches("no space left on the disk").count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("hint: free some space, or build with `--out` on another disk"),
        "{text}"
    );
    assert!(
        text.contains("nothing was written; the previous output is unchanged"),
        "{text}"
    );
    assert_eq!(tree(&site.out()), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[test]
fn a_full_disk_is_said_in_uzbek() {
    let site = TestSite::new("minimal");
    let output = finish(
        {
            let mut command = build_command(&site, "v1", &[("YILNOMA_TEST_DISK_FULL_AFTER", "0")]);
            command.args(["--messages-lang", "uz"]);
            command
        },
        BOUND,
    );
    let text = stderr(&output);
    assert!(
        text.contains("joylashgan diskda bo‘sh joy qolmadi"),
        "{text}"
    );
    assert!(text.contains("maslahat: joy bo‘shating"), "{text}");
    assert!(!site.out().exists());
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

/// Makes `dir` unwritable in a way the current user cannot override: an
/// immutable flag for root (who ignores permission bits), mode 555 for
/// anyone else. `None`, with the reason printed, when neither works here.
#[cfg(unix)]
struct Unwritable(PathBuf);

#[cfg(unix)]
impl Unwritable {
    fn new(dir: &Path) -> Option<Self> {
        use std::os::unix::fs::PermissionsExt;
        let root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|o| o.stdout == b"0\n");
        if root {
            let flagged = Command::new("chattr")
                .arg("+i")
                .arg(dir)
                .status()
                .is_ok_and(|s| s.success());
            if !flagged {
                eprintln!("skipped: running as root and `chattr +i` failed, so nothing here stops root writing");
                return None;
            }
        } else {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        Some(Self(dir.to_path_buf()))
    }
}

#[cfg(unix)]
impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_output_folder_is_refused_before_rendering() {
    let site = TestSite::new("minimal");
    site.build().assert_ok();
    let before = tree(&site.out());
    let Some(_guard) = Unwritable::new(&site.out()) else {
        return;
    };
    let run = site.build();
    run.assert_fails_with("error: no permission to change `")
        .assert_fails_with("hint: give your user write permission on it (`chmod u+w");
    assert_eq!(tree(&site.out()), before);
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_parent_folder_that_cannot_be_written_is_named() {
    let site = TestSite::new("minimal");
    let parent = site.root().join("deploy");
    std::fs::create_dir_all(&parent).unwrap();
    let Some(_guard) = Unwritable::new(&parent) else {
        return;
    };
    let run = site.run(&["build", "--out", "deploy/public"]);
    run.assert_fails_with("error: no permission to change `")
        .assert_fails_with("deploy`")
        .assert_fails_with("hint: give your user write permission on it");
    let inside: Vec<_> = std::fs::read_dir(&parent).unwrap().collect();
    assert!(inside.is_empty(), "something was made in deploy/");
}
