//! How a search index is cut into files, so a query downloads only what it
//! needs (issue 17: at 10,000 events the first query stays under 150 KB).
//!
//! - The **word shards** `words-<n>.json`: a word lives in shard
//!   `shard_of(word)`, a hash of its first two code points. Every query
//!   token has at least two, and a token finds the words it starts and the
//!   stems it extends, which all begin with the token's own first two code
//!   points: one shard per token answers it.
//! - The **document chunks** `docs-<k>.json`: `[url, title, meta, text]`
//!   of `CHUNK_SIZE` documents in a row, fetched only for results shown.
//!
//! The number of shards and chunks depends only on the number of
//! documents, so the page inventory plans every file before anything is
//! indexed, and `static/search.js` computes the same hash (tested under
//! Node in tests/search_fold.rs).

/// Documents per chunk file: small, because the ten results shown may sit
/// in ten different chunks (`static/search.js` shows ten at a time).
pub const CHUNK_SIZE: usize = 16;
/// Shards of the smallest index: enough that even the bundled site's
/// queries fetch a part of its words, not all of them.
const MIN_SHARDS: usize = 8;
/// Shards of the largest: two-code-point prefixes are a few hundred in
/// practice, so more would only add empty files.
const MAX_SHARDS: usize = 256;
/// Documents per shard when choosing the count in between.
const DOCUMENTS_PER_SHARD: usize = 40;

/// The files of one search index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub documents: usize,
    pub shards: usize,
}

impl Layout {
    /// The layout of an index of `documents` documents: a power of two of
    /// shards between `MIN_SHARDS` and `MAX_SHARDS`.
    pub fn of(documents: usize) -> Self {
        let shards = documents
            .div_ceil(DOCUMENTS_PER_SHARD)
            .next_power_of_two()
            .clamp(MIN_SHARDS, MAX_SHARDS);
        Self { documents, shards }
    }

    /// Chunk files holding the documents (at least one, maybe empty).
    pub fn chunks(&self) -> usize {
        self.documents.div_ceil(CHUNK_SIZE).max(1)
    }

    /// Every file name of the index in its folder: the manifest, the
    /// shards, the chunks.
    pub fn file_names(&self) -> Vec<String> {
        let mut names = vec![crate::model::routes::SEARCH_INDEX_FILE.to_string()];
        names.extend((0..self.shards).map(word_file));
        names.extend((0..self.chunks()).map(docs_file));
        names
    }
}

/// Shard `n`'s file name.
pub fn word_file(n: usize) -> String {
    format!("words-{n}.json")
}

/// Chunk `k`'s file name.
pub fn docs_file(k: usize) -> String {
    format!("docs-{k}.json")
}

/// The shard of a folded word: FNV-1a (32 bits) over its first two code
/// points, modulo the shard count. search.js's `shardOf` is the same.
pub fn shard_of(word: &str, shards: usize) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for c in word.chars().take(2) {
        hash = (hash ^ u32::from(c)).wrapping_mul(0x0100_0193);
    }
    // u32 → usize never truncates on the targets Yilnoma builds for.
    hash as usize % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_counts_grow_with_the_site_within_bounds() {
        assert_eq!(Layout::of(0).shards, MIN_SHARDS);
        assert_eq!(Layout::of(40).shards, MIN_SHARDS);
        assert_eq!(Layout::of(2_000).shards, 64);
        assert_eq!(Layout::of(10_000).shards, MAX_SHARDS);
        assert_eq!(Layout::of(1_000_000).shards, MAX_SHARDS);
        for n in [1, 7, 100, 3_333] {
            assert!(Layout::of(n).shards.is_power_of_two());
        }
    }

    #[test]
    fn chunks_hold_every_document_and_an_empty_index_has_one() {
        assert_eq!(Layout::of(0).chunks(), 1);
        assert_eq!(Layout::of(CHUNK_SIZE).chunks(), 1);
        assert_eq!(Layout::of(CHUNK_SIZE + 1).chunks(), 2);
        let layout = Layout::of(10_000);
        let names = layout.file_names();
        assert_eq!(names.len(), 1 + 256 + 625);
        assert_eq!(names[0], "index.json");
        assert!(names.contains(&"words-255.json".to_string()));
        assert!(names.contains(&"docs-624.json".to_string()));
        assert!(!names.contains(&"docs-625.json".to_string()));
    }

    #[test]
    fn words_sharing_their_first_two_code_points_share_a_shard() {
        for shards in [8, 64, 256] {
            let qo = shard_of("qozogiston", shards);
            assert_eq!(shard_of("qo", shards), qo);
            assert_eq!(shard_of("qozogistonda", shards), qo);
            assert_eq!(shard_of("treaties", shards), shard_of("treati", shards));
            assert!(qo < shards);
        }
        // Code points, not bytes: a two-letter Cyrillic or astral prefix works.
        assert_eq!(shard_of("әлем", 64), shard_of("әл", 64));
        assert_eq!(shard_of("𐰴𐰀x", 64), shard_of("𐰴𐰀", 64));
    }

    #[test]
    fn prefixes_spread_over_the_shards() {
        // Two-letter Latin prefixes fill every one of 64 shards, none with
        // more than three times its share: one shard is not the whole index.
        let letters = "abcdefghijklmnopqrstuvwxyz";
        let mut counts = vec![0; 64];
        for a in letters.chars() {
            for b in letters.chars() {
                counts[shard_of(&format!("{a}{b}"), 64)] += 1;
            }
        }
        let share = 26 * 26 / 64;
        assert!(counts.iter().all(|&c| c > 0), "{counts:?}");
        assert!(counts.iter().all(|&c| c <= 3 * share), "{counts:?}");
    }
}
