//! Shifting the document numbers in a word's encoded postings when `serve`
//! inserts or removes one document of its kept search index, without
//! decoding the list.
//!
//! A list is the comma-separated deltas of `document * 4 + field`
//! (`search_index::encode`). Numbering every document from `n` on one
//! higher or lower moves all their postings by 4 together, so of all the
//! deltas only the one that crosses from below `n` to `n` or above changes
//! (and the inserted or removed document's own posting comes or goes
//! there). The list is read up to that point and copied after it.

use crate::render::files::search_index::Posting;

/// What happens at a document number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shift {
    /// A document comes in at the number: that number and those above go
    /// up by one, and the word's posting in the new document (if any) is
    /// put in.
    Insert(Option<Posting>),
    /// The document at the number goes: its posting (if any) is dropped and
    /// the numbers above go down by one.
    Remove,
}

/// `encoded` after `shift` at document `number`; `None` when it is the
/// same. An empty result: the word is in no document any more.
pub(super) fn shift(encoded: &str, number: usize, shift: Shift) -> Option<String> {
    let boundary = Posting::try_from(number * 4).expect("fewer than a billion documents");
    let mut deltas = Deltas::new(encoded);
    // The last posting below the boundary, and the first at or above it.
    let mut previous: Posting = 0;
    let crossing = loop {
        match deltas.next() {
            None => break None,
            Some((start, delta)) if previous + delta >= boundary => {
                break Some((start, previous + delta))
            }
            Some((_, delta)) => previous += delta,
        }
    };
    let mut out = String::with_capacity(encoded.len() + 8);
    match (crossing, shift) {
        (None, Shift::Remove) | (None, Shift::Insert(None)) => return None,
        (None, Shift::Insert(Some(new))) => {
            out.push_str(encoded);
            push_delta(&mut out, new - previous);
        }
        (Some((start, value)), Shift::Insert(new)) => {
            out.push_str(encoded[..start].trim_end_matches(','));
            let before_value = match new {
                Some(new) => {
                    push_delta(&mut out, new - previous);
                    new
                }
                None => previous,
            };
            push_delta(&mut out, value + 4 - before_value);
            out.push_str(deltas.rest());
        }
        (Some((start, value)), Shift::Remove) => {
            out.push_str(encoded[..start].trim_end_matches(','));
            let value = if value / 4 == boundary / 4 {
                // The removed document's own posting: the next one follows
                // the previous directly.
                match deltas.next() {
                    Some((_, delta)) => value + delta,
                    None => return Some(out),
                }
            } else {
                value
            };
            push_delta(&mut out, value - 4 - previous);
            out.push_str(deltas.rest());
        }
    }
    Some(out)
}

/// Appends a delta, after a comma unless it is the first.
fn push_delta(out: &mut String, delta: Posting) {
    if !out.is_empty() {
        out.push(',');
    }
    out.push_str(&delta.to_string());
}

/// The deltas of an encoded list, each with the byte where it starts.
struct Deltas<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Deltas<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn next(&mut self) -> Option<(usize, Posting)> {
        let bytes = self.text.as_bytes();
        if self.at >= bytes.len() {
            return None;
        }
        let start = self.at;
        let mut value: Posting = 0;
        let mut end = start;
        while let Some(digit) = bytes.get(end).filter(|b| b.is_ascii_digit()) {
            value = value * 10 + Posting::from(digit - b'0');
            end += 1;
        }
        // Past the comma, if any.
        self.at = end + 1;
        Some((start, value))
    }

    /// The text after the last delta read, from its comma on.
    fn rest(&self) -> &'a str {
        self.text
            .get(self.at.saturating_sub(1)..)
            .unwrap_or_default()
    }
}

/// A word's postings from their encoding (deltas, comma-separated).
pub(super) fn decode(encoded: &str) -> Vec<Posting> {
    let mut total: Posting = 0;
    encoded
        .split(',')
        .filter_map(|delta| delta.parse::<Posting>().ok())
        .map(|delta| {
            total += delta;
            total
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::files::search_index::encode;

    /// What `shift` must give, by decoding, renumbering and encoding.
    fn expected(list: &[Posting], number: usize, how: Shift) -> String {
        let number = number as Posting;
        let mut out: Vec<Posting> = Vec::new();
        for &p in list {
            match how {
                Shift::Insert(_) if p / 4 >= number => out.push(p + 4),
                Shift::Remove if p / 4 == number => {}
                Shift::Remove if p / 4 > number => out.push(p - 4),
                _ => out.push(p),
            }
        }
        if let Shift::Insert(Some(new)) = how {
            let at = out.partition_point(|p| *p < new);
            out.insert(at, new);
        }
        encode(&out)
    }

    #[test]
    fn decoding_reverses_encoding() {
        let list: Vec<Posting> = vec![2, 13, 18, 401];
        assert_eq!(decode(&encode(&list)), list);
        assert!(decode("").is_empty());
    }

    #[test]
    fn shifting_equals_renumbering_every_posting() {
        let lists: [&[Posting]; 6] = [
            &[],
            &[2],
            &[0, 5, 9, 14, 40, 41 * 4 + 2],
            &[12, 13 * 4 + 1, 14 * 4],
            &[3 * 4 + 2],
            &[1, 4 * 4, 5 * 4 + 1, 6 * 4 + 2, 100 * 4],
        ];
        for list in lists {
            let encoded = encode(list);
            for number in 0..45 {
                let new = (number * 4 + 1) as Posting;
                for how in [Shift::Remove, Shift::Insert(None), Shift::Insert(Some(new))] {
                    let got = shift(&encoded, number, how).unwrap_or_else(|| encoded.clone());
                    assert_eq!(
                        got,
                        expected(list, number, how),
                        "{list:?} {how:?} at {number}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_shift_past_every_posting_changes_nothing() {
        let encoded = encode(&[4, 9, 22]);
        assert_eq!(shift(&encoded, 6, Shift::Remove), None);
        assert_eq!(shift(&encoded, 6, Shift::Insert(None)), None);
        assert_eq!(shift(&encoded, 5, Shift::Remove), Some(encode(&[4, 9])));
    }
}
