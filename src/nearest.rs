//! "Did you mean …?": the one edit-distance helper behind every suggestion
//! (front-matter keys, book.toml keys, kinds, languages in file names,
//! template names, internal links, near-duplicate tags).
//!
//! Pure. Distance is optimal string alignment (Levenshtein plus swapping two
//! neighbours, the commonest typing slip) over characters, compared without
//! case and with every apostrophe variant read as one character.

/// The candidate closest to `word`, when it is close enough to be a likely
/// slip: none for words of one or two letters, one edit up to five
/// letters, then about one in four (at most three), counted on the longer word. Ties go to the earlier candidate, so callers list likely ones first.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = comparable(word);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let other = comparable(candidate);
        let distance = distance_chars(&word, &other);
        if distance <= limit(word.len().max(other.len())) && best.is_none_or(|(d, _)| distance < d)
        {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Whether two words differ by a likely slip (and are not the same word).
pub fn is_near(a: &str, b: &str) -> bool {
    let (a, b) = (comparable(a), comparable(b));
    a != b && distance_chars(&a, &b) <= limit(a.len().max(b.len()))
}

/// Edit distance between two strings, as `nearest` counts it.
pub fn distance(a: &str, b: &str) -> usize {
    distance_chars(&comparable(a), &comparable(b))
}

fn limit(chars: usize) -> usize {
    match chars {
        0..=2 => 0,
        3..=5 => 1,
        n => n.div_ceil(4).min(3),
    }
}

fn comparable(word: &str) -> Vec<char> {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            c if crate::model::fold::APOSTROPHES.contains(&c) => '\'',
            c => c,
        })
        .collect()
}

/// Optimal string alignment distance, two rows at a time.
fn distance_chars(a: &[char], b: &[char]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &[
        "title", "date", "end_date", "kind", "tags", "place", "summary", "sources", "draft",
        "weight",
    ];

    #[test]
    fn typos_find_their_key() {
        for (typo, key) in [
            ("dat", "date"),
            ("summry", "summary"),
            ("sumary", "summary"),
            ("titel", "title"),
            ("Title", "title"),
            ("enddate", "end_date"),
            ("end-date", "end_date"),
            ("source", "sources"),
            ("tag", "tags"),
            ("plcae", "place"),
        ] {
            assert_eq!(nearest(typo, KEYS.iter().copied()), Some(key), "{typo}");
        }
    }

    #[test]
    fn unrelated_words_find_nothing() {
        for word in ["author", "xyz", "url", "description", "lang", "a"] {
            assert_eq!(nearest(word, KEYS.iter().copied()), None, "{word}");
        }
    }

    #[test]
    fn apostrophe_variants_and_case_count_as_the_same() {
        assert_eq!(distance("O'zbekiston", "o‘zbekiston"), 0);
        assert!(is_near("energetika", "energitika"));
        assert!(is_near("energetika", "energiya"));
        assert!(is_near("savdo", "savda"));
        assert!(!is_near("savdo", "savdo"));
        assert!(!is_near("viza", "visit"));
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
