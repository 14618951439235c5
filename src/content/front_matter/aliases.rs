//! A budget on what YAML aliases expand to, checked before the real parse.

use super::FrontMatterError;
use crate::t;

/// What YAML aliases may expand a document to. An alias (`*name`) stands
/// for its anchor's whole value, and aliases of aliases multiply: a
/// 1 KB "billion laughs" file expands to gigabytes. yaml_serde bounds only
/// the number of alias jumps (100 per event), not what each one repeats.
const MAX_EXPANDED_BYTES: usize = 8 * 1024 * 1024;
const MAX_EXPANDED_VALUES: usize = 1_000_000;
const OVER_BUDGET: &str = "yilnoma: alias expansion over budget";

/// Walks `yaml` as the real parse will, aliases followed, counting values
/// and text bytes without keeping any, and stops past the budget. Only
/// documents with an alias pay for it. Other problems are left for the real
/// parse to report.
pub(super) fn check_alias_expansion(yaml: &str, first_line: usize) -> Result<(), FrontMatterError> {
    if !yaml.contains('*') {
        return Ok(());
    }
    let mut expansion = Expansion::default();
    // A panic inside the YAML library is left to the real parse, which
    // contains and reports it.
    let walked = crate::contain::contain(|| {
        serde::de::DeserializeSeed::deserialize(
            Count(&mut expansion),
            serde_yaml::Deserializer::from_str(yaml),
        )
    });
    match walked {
        // yaml_serde's own bound on alias jumps, or ours on what they repeat.
        Ok(Err(e))
            if e.to_string().contains(OVER_BUDGET)
                || e.to_string().contains("repetition limit exceeded") =>
        {
            let alias_line = yaml
                .lines()
                .position(|line| {
                    line.match_indices('*').any(|(i, _)| {
                        let before = line[..i].chars().next_back();
                        let after = line[i + 1..].chars().next();
                        before.is_none_or(|c| matches!(c, ' ' | '[' | ',' | '{' | ':' | '-'))
                            && after.is_some_and(|c| !c.is_whitespace())
                    })
                })
                .unwrap_or(0);
            Err(FrontMatterError {
                line: first_line + alias_line,
                column: 1,
                message: t!(
                    "yaml_alias_bomb",
                    values = MAX_EXPANDED_VALUES,
                    megabytes = MAX_EXPANDED_BYTES / (1024 * 1024)
                ),
                hint: t!("yaml_alias_bomb_hint"),
            })
        }
        _ => Ok(()),
    }
}

#[derive(Default)]
struct Expansion {
    bytes: usize,
    values: usize,
}

impl Expansion {
    fn add<E: serde::de::Error>(&mut self, bytes: usize) -> Result<(), E> {
        self.values += 1;
        self.bytes = self.bytes.saturating_add(bytes);
        if self.values > MAX_EXPANDED_VALUES || self.bytes > MAX_EXPANDED_BYTES {
            return Err(E::custom(OVER_BUDGET));
        }
        Ok(())
    }
}

/// A visitor that only counts what it is shown.
struct Count<'a>(&'a mut Expansion);

impl<'de> serde::de::DeserializeSeed<'de> for Count<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.0.add(16)
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.0.add(16)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.0.add(8)
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<(), E> {
        self.0.add(text.len())
    }
    fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<(), E> {
        self.0.add(bytes.len())
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.0.add(1)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        self.0.add::<D::Error>(1)?;
        inner.deserialize_any(Count(self.0))
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, inner: D) -> Result<(), D::Error> {
        inner.deserialize_any(Count(self.0))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.add::<A::Error>(1)?;
        while seq.next_element_seed(Count(&mut *self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.add::<A::Error>(1)?;
        while map.next_key_seed(Count(&mut *self.0))?.is_some() {
            map.next_value_seed(Count(&mut *self.0))?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!Tag value`): count the tag and its value.
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(Count(&mut *self.0))?;
        variant.newtype_variant_seed(Count(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse, parse_data, split};

    /// Nine levels of nine aliases each: 9^9 strings if expanded.
    fn billion_laughs(key: &str) -> String {
        let mut yaml = format!("{key}: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for level in 1..10 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 9].join(", ");
            yaml.push_str(&format!("k{level}: &a{level} [{items}]\n"));
        }
        yaml
    }

    #[test]
    fn an_alias_bomb_is_an_error_not_an_expansion() {
        let started = std::time::Instant::now();
        let e = parse_data(&billion_laughs("a")).unwrap_err();
        assert!(e.message.contains("YAML aliases"), "{e:?}");
        assert_eq!(e.line, 2, "{e:?}");
        let text = format!("---\n{}---\n", billion_laughs("title"));
        let e = parse::<serde_json::Value>(&split(&text).unwrap()).unwrap_err();
        assert!(e.message.contains("YAML aliases"), "{e:?}");
        assert_eq!(e.line, 3, "{e:?}");
        // One long string repeated by many single aliases.
        let long = format!(
            "s: &s \"{}\"\nt: [{}]\n",
            "x".repeat(100_000),
            vec!["*s"; 200].join(", ")
        );
        assert!(parse_data(&long)
            .unwrap_err()
            .message
            .contains("YAML aliases"));
        assert!(started.elapsed() < std::time::Duration::from_secs(30));
    }

    #[test]
    fn modest_aliases_still_work() {
        let value = parse_data("base: &b {x: 1}\nitems: [*b, *b]\nnote: \"a * b\"\n").unwrap();
        assert_eq!(value["items"][1]["x"], 1);
    }

    /// Issue 16: the alias-bomb message is a catalogue message, in Uzbek too.
    #[test]
    fn the_alias_bomb_message_is_translated() {
        let e = parse_data(&billion_laughs("a")).unwrap_err();
        assert_eq!(e.message.key(), Some("yaml_alias_bomb"));
        let uz = e.message.in_language("uz");
        assert!(
            uz.contains("YAML taxalluslari (`*name`) 1000000 tadan"),
            "{uz}"
        );
        assert!(
            e.hint.in_language("uz").contains("taxallus"),
            "{}",
            e.hint.in_language("uz")
        );
    }
}
