//! A word's postings as the index files write them, read back, and shifted
//! in place when `serve` inserts or removes one document of its kept index.
//!
//! A list is `<gaps>;<fields>`: for each document the word is in, in
//! order, the gap since the document after the previous one (the first's
//! is its number) as one base-36 digit when under 35, or `z`, the gap in
//! base 36 and `.`; then each one's best field as a digit (2 title, 1
//! summary/place/tags/kind, 0 body). Common words are in most documents,
//! so most gaps are one character; the fields apart form runs of their
//! own, and gzip packs both about 15 % tighter than the comma-separated
//! deltas of `document * 4 + field` did (issue 17's first-query floor).
//! `static/search.js` reads the same format.
//!
//! Numbering every document from `n` on one higher or lower changes one
//! gap of a list (the first document at or past `n`), and the inserted or
//! removed document's own posting comes or goes there: `shift` reads the
//! list up to that point and copies the rest.

use crate::render::files::search_index::Posting;

/// `document * 4 + field` of each posting, encoded.
pub(super) fn encode(list: &[Posting]) -> String {
    let mut gaps = String::with_capacity(list.len() * 2 + 1);
    let mut fields = String::with_capacity(list.len());
    let mut next = 0;
    for &posting in list {
        let document = posting / 4;
        push_gap(&mut gaps, document - next);
        next = document + 1;
        fields.push(field_digit(posting));
    }
    gaps.push(';');
    gaps.push_str(&fields);
    gaps
}

/// A word's postings from their encoding.
pub(super) fn decode(encoded: &str) -> Vec<Posting> {
    let Some((gaps, fields)) = encoded.split_once(';') else {
        return Vec::new();
    };
    let mut reader = Gaps::new(gaps);
    let mut next = 0;
    let mut list = Vec::with_capacity(fields.len());
    for field in fields.bytes() {
        let Some((_, gap)) = reader.next() else {
            break;
        };
        let document = next + gap;
        next = document + 1;
        list.push(document * 4 + Posting::from(field.wrapping_sub(b'0') & 3));
    }
    list
}

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

/// `encoded` after `how` at document `number`; `None` when it is the same.
/// An empty result: the word is in no document any more.
pub(super) fn shift(encoded: &str, number: usize, how: Shift) -> Option<String> {
    let number = Posting::try_from(number).expect("fewer than a billion documents");
    let (gaps, fields) = encoded.split_once(';')?;
    let mut reader = Gaps::new(gaps);
    // The document after the last one below `number`; the index and the
    // byte of the first posting at or past it, with its document.
    let mut next = 0;
    let mut index = 0;
    let crossing = loop {
        match reader.next() {
            None => break None,
            Some((start, gap)) if next + gap >= number => break Some((start, next + gap)),
            Some((_, gap)) => {
                next += gap + 1;
                index += 1;
            }
        }
    };
    let mut out = String::with_capacity(encoded.len() + 8);
    let mut out_fields = fields.to_string();
    match (crossing, how) {
        (None, Shift::Remove) | (None, Shift::Insert(None)) => return None,
        (None, Shift::Insert(Some(new))) => {
            out.push_str(gaps);
            push_gap(&mut out, number - next);
            out_fields.push(field_digit(new));
        }
        (Some((start, document)), Shift::Insert(new)) => {
            out.push_str(&gaps[..start]);
            match new {
                Some(new) => {
                    push_gap(&mut out, number - next);
                    push_gap(&mut out, document - number);
                    out_fields.insert(index, field_digit(new));
                }
                None => push_gap(&mut out, document + 1 - next),
            }
            out.push_str(reader.rest());
        }
        (Some((start, document)), Shift::Remove) => {
            out.push_str(&gaps[..start]);
            if document == number {
                // Its own posting goes: the next follows the previous.
                out_fields.remove(index);
                if let Some((_, gap)) = reader.next() {
                    push_gap(&mut out, document + gap - next);
                }
            } else {
                push_gap(&mut out, document - 1 - next);
            }
            out.push_str(reader.rest());
        }
    }
    if out_fields.is_empty() {
        return Some(String::new());
    }
    out.push(';');
    out.push_str(&out_fields);
    Some(out)
}

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
/// Gaps from here on are written long: `z`, base 36, `.`.
const LONG_GAP: Posting = 35;

fn push_gap(out: &mut String, gap: Posting) {
    if gap < LONG_GAP {
        out.push(char::from(DIGITS[gap as usize]));
        return;
    }
    out.push('z');
    let mut digits = [0u8; 8];
    let (mut start, mut rest) = (digits.len(), gap);
    loop {
        start -= 1;
        digits[start] = DIGITS[(rest % 36) as usize];
        rest /= 36;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
    out.push('.');
}

fn field_digit(posting: Posting) -> char {
    char::from(b'0' + (posting % 4) as u8)
}

fn digit_value(byte: u8) -> Posting {
    match byte {
        b'0'..=b'9' => Posting::from(byte - b'0'),
        _ => Posting::from(byte.wrapping_sub(b'a')) + 10,
    }
}

/// The gaps of an encoded list, each with the byte where it starts.
struct Gaps<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Gaps<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    fn next(&mut self) -> Option<(usize, Posting)> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let first = *bytes.get(start)?;
        if first != b'z' {
            self.at += 1;
            return Some((start, digit_value(first)));
        }
        let mut gap: Posting = 0;
        let mut end = start + 1;
        while let Some(&byte) = bytes.get(end).filter(|b| **b != b'.') {
            gap = gap.saturating_mul(36).saturating_add(digit_value(byte));
            end += 1;
        }
        self.at = end + 1;
        Some((start, gap))
    }

    /// The gaps after the last one read.
    fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        if out.is_empty() {
            return String::new();
        }
        encode(&out)
    }

    #[test]
    fn postings_are_gaps_then_fields() {
        // Documents 0 (title), 3 (body), 4 (summary), 40 (body), 1,300 (title).
        let list = [2, 12, 17, 160, 5202];
        assert_eq!(encode(&list), "020zz.zyz.;20102");
        assert_eq!(decode(&encode(&list)), list);
        assert!(decode("").is_empty());
        assert!(decode(";").is_empty());
        // A gap of 34 is one digit, 35 the first long one.
        assert_eq!(encode(&[34 * 4]), "y;0");
        assert_eq!(encode(&[35 * 4 + 1]), "zz.;1");
        for n in [0, 34, 35, 36, 1_295, 1_296, 100_000, 1_000_000] {
            let list = [1, (n + 1) * 4 + 2];
            assert_eq!(decode(&encode(&list)), list, "{n}");
        }
    }

    #[test]
    fn shifting_equals_renumbering_every_posting() {
        let lists: [&[Posting]; 7] = [
            &[2],
            &[0, 5, 9, 14, 40, 41 * 4 + 2],
            &[12, 13 * 4 + 1, 14 * 4],
            &[3 * 4 + 2],
            &[1, 4 * 4, 5 * 4 + 1, 6 * 4 + 2, 100 * 4],
            // Long gaps around the bound of one digit.
            &[0, 35 * 4 + 1, 70 * 4 + 2, 71 * 4, 106 * 4 + 1],
            &[34 * 4, 69 * 4 + 2],
        ];
        for list in lists {
            let encoded = encode(list);
            for number in 0..110 {
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
        assert_eq!(shift(&encode(&[8]), 2, Shift::Remove), Some(String::new()));
    }
}
