//! Where rendered files go: a channel the caller provides, so render hands
//! each page over as soon as it is made (memory does not grow with the
//! site) without knowing what a file, a disk or a sink is.
//!
//! `site` implements it over an `output` sink; what writing means, and how
//! a failed write is reported, is the receiver's business.

/// Receives rendered files, from many threads at once.
pub trait Emit: Sync {
    /// Takes the file at `path` (relative to the output root, as
    /// `model::routes` names it) with its bytes.
    fn emit(&self, path: &str, bytes: &[u8]);

    /// `emit` for text the caller no longer needs (taken without a copy
    /// where the output keeps files).
    fn emit_owned(&self, path: &str, text: String) {
        self.emit(path, text.as_bytes());
    }
}

/// Keeps every file in memory, in the order received: for tests.
#[cfg(test)]
#[derive(Default)]
pub struct Collect(pub std::sync::Mutex<Vec<(String, Vec<u8>)>>);

#[cfg(test)]
impl Emit for Collect {
    fn emit(&self, path: &str, bytes: &[u8]) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path.to_string(), bytes.to_vec()));
    }
}

#[cfg(test)]
impl Collect {
    /// The files received, sorted by path.
    pub fn sorted(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        files.sort();
        files
    }
}
