//! The site `serve` serves: output path → bytes, in memory, plus the base
//! path it lives under. Rebuilds replace or update it as a whole, under one
//! write lock, so a request never sees half a rebuild.

use crate::serve::live::Output;
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

#[derive(Default)]
struct Snapshot {
    base_path: String,
    files: BTreeMap<String, Arc<Vec<u8>>>,
}

/// The last good output, shared by the rebuild loop and the server threads.
#[derive(Default)]
pub struct SiteFiles {
    inner: RwLock<Snapshot>,
}

impl SiteFiles {
    pub fn new() -> Self {
        Self::default()
    }

    /// `/` or `/repo/`: where the site is served.
    pub fn base_path(&self) -> String {
        let base = self.read().base_path.clone();
        if base.is_empty() {
            "/".to_string()
        } else {
            base
        }
    }

    pub fn get(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.read().files.get(path).cloned()
    }

    /// A copy of every file, for comparing whole sites in tests.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        self.read()
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.read().files.is_empty()
    }

    /// Replaces every file; returns the paths whose bytes changed, appeared
    /// or disappeared.
    pub fn replace_all(&self, base_path: &str, files: BTreeMap<String, Vec<u8>>) -> Vec<String> {
        let mut snapshot = self.write();
        let mut changed: Vec<String> = snapshot
            .files
            .keys()
            .filter(|k| !files.contains_key(*k))
            .cloned()
            .collect();
        let mut next = BTreeMap::new();
        for (path, bytes) in files {
            if snapshot.files.get(&path).is_none_or(|old| **old != bytes) {
                changed.push(path.clone());
            }
            next.insert(path, Arc::new(bytes));
        }
        snapshot.files = next;
        snapshot.base_path = base_path.to_string();
        changed.sort();
        changed
    }

    /// Writes `files` over the current ones and removes `removed`; returns
    /// the paths whose bytes changed.
    pub fn update(&self, files: BTreeMap<String, Vec<u8>>, removed: &[String]) -> Vec<String> {
        let mut snapshot = self.write();
        let mut changed = Vec::new();
        for path in removed {
            if snapshot.files.remove(path).is_some() {
                changed.push(path.clone());
            }
        }
        for (path, bytes) in files {
            if snapshot.files.get(&path).is_none_or(|old| **old != bytes) {
                changed.push(path.clone());
                snapshot.files.insert(path, Arc::new(bytes));
            }
        }
        changed.sort();
        changed
    }

    /// Puts a rebuild's output in place; returns the paths that changed.
    pub fn apply(&self, output: Output) -> Vec<String> {
        if output.replace_all {
            return self.replace_all(&output.base_path, output.files);
        }
        let mut removed = Vec::new();
        for name in &output.removed {
            removed.push(name.clone());
            removed.extend(self.paths_under(name));
        }
        self.update(output.files, &removed)
    }

    /// Every path under the folder `prefix/`.
    pub fn paths_under(&self, prefix: &str) -> Vec<String> {
        let folder = format!("{}/", prefix.trim_end_matches('/'));
        self.read()
            .files
            .range(folder.clone()..)
            .take_while(|(k, _)| k.starts_with(&folder))
            .map(|(k, _)| k.clone())
            .collect()
    }

    fn read(&self) -> RwLockReadGuard<'_, Snapshot> {
        // A poisoned lock means a thread panicked mid-request; the map is intact.
        self.inner.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, Snapshot> {
        self.inner.write().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn reports_only_what_changed() {
        let site = SiteFiles::new();
        let all = site.replace_all("/", files(&[("a", "1"), ("b", "2")]));
        assert_eq!(all, ["a", "b"]);
        let changed = site.update(files(&[("a", "1"), ("b", "3")]), &[]);
        assert_eq!(changed, ["b"]);
        let changed = site.replace_all("/", files(&[("b", "3"), ("c", "4")]));
        assert_eq!(changed, ["a", "c"]);
        assert_eq!(site.get("c").unwrap().as_slice(), b"4");
    }

    #[test]
    fn lists_a_folder() {
        let site = SiteFiles::new();
        site.replace_all("/", files(&[("img/a", ""), ("img/b/c", ""), ("imgs", "")]));
        assert_eq!(site.paths_under("img"), ["img/a", "img/b/c"]);
    }
}
