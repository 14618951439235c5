//! The transliterator against a reference list and on Markdown.

use super::*;

/// Reference spellings from Uzbek Cyrillic usage (dictionary forms).
const REFERENCE: &[(&str, &str)] = &[
    ("O‘zbekiston", "Ўзбекистон"),
    ("Qozog‘iston", "Қозоғистон"),
    ("Toshkent", "Тошкент"),
    ("Ostona", "Остона"),
    ("shahar", "шаҳар"),
    ("xalq", "халқ"),
    ("xalqaro", "халқаро"),
    ("choy", "чой"),
    ("ming", "минг"),
    ("yangi", "янги"),
    ("yo‘l", "йўл"),
    ("yoz", "ёз"),
    ("yulduz", "юлдуз"),
    ("Yevropa", "Европа"),
    ("yer", "ер"),
    ("yetti", "етти"),
    ("ekspert", "эксперт"),
    ("energetika", "энергетика"),
    ("elchixona", "элчихона"),
    ("e’lon", "эълон"),
    ("dekabr", "декабр"),
    ("ta’lim", "таълим"),
    ("sur’at", "суръат"),
    ("ma’lumot", "маълумот"),
    ("Is’hoq", "Исҳоқ"),
    ("as’hob", "асҳоб"),
    ("litsey", "лицей"),
    ("konstitutsiya", "конституция"),
    ("revolyutsion", "революцион"),
    ("kontsert", "концерт"),
    ("ketsa", "кетса"),
    ("sentabr", "сентябр"),
    ("oktabr", "октябр"),
    ("noyabr", "ноябр"),
    ("iyun", "июн"),
    ("yanvar", "январ"),
    ("Mirziyoyev", "Мирзиёев"),
    ("To‘qayev", "Тўқаев"),
    ("Nazarbayev", "Назарбаев"),
    ("G‘alaba", "Ғалаба"),
    ("o‘rtasidagi", "ўртасидаги"),
    ("hamkorlik", "ҳамкорлик"),
    ("ittifoqchilik", "иттифоқчилик"),
    ("sheriklik", "шериклик"),
    ("Shartnoma", "Шартнома"),
    ("SHARTNOMA", "ШАРТНОМА"),
    ("obyekt", "объект"),
    ("aeroport", "аэропорт"),
    ("Jahon", "Жаҳон"),
    ("2021-yil", "2021-йил"),
    ("Chevrolet", "Chevrolet"),
    ("HOWO", "HOWO"),
    ("SAZ", "SAZ"),
    // Word-initial e and ye, inside a word e.
    ("Yevroosiyo", "Евроосиё"),
    ("YEVROPA", "ЕВРОПА"),
    ("eksport", "экспорт"),
    ("iqtisodiyot", "иқтисодиёт"),
    ("energiya", "энергия"),
    ("temir", "темир"),
    // The tutuq belgisi and s’h.
    ("sa’y", "саъй"),
    ("mas’uliyat", "масъулият"),
    ("Is’haq", "Исҳақ"),
    // ts only in loanword endings.
    ("deklaratsiya", "декларация"),
    ("Federatsiyasi", "Федерацияси"),
    ("kooperatsiyasi", "кооперацияси"),
    ("tsement", "цемент"),
    ("batsiz", "батсиз"),
    // Foreign words (a letter Uzbek Latin lacks) and Roman numerals.
    ("Caucasus", "Caucasus"),
    ("news", "news"),
    ("VIII", "VIII"),
    ("ShHT", "ШҲТ"),
    ("AQSh", "АҚШ"),
];

#[test]
fn built_in_table_parses() {
    assert!(Transliterator::parse(UZBEK_LATIN_TO_CYRILLIC).is_ok());
}

#[test]
fn uzbek_words_match_the_reference_list() {
    let t = Transliterator::uzbek_latin_to_cyrillic();
    assert!(REFERENCE.len() >= 70);
    let wrong: Vec<String> = REFERENCE
        .iter()
        .filter(|(latin, cyrillic)| t.text(latin) != *cyrillic)
        .map(|(latin, cyrillic)| format!("{latin}: got {}, expected {cyrillic}", t.text(latin)))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn sentence_keeps_punctuation_numbers_and_addresses() {
    let t = Transliterator::uzbek_latin_to_cyrillic();
    assert_eq!(
        t.text("2021-yil 6-dekabr: Toshkentda deklaratsiya, https://gov.uz/uz/news qarang."),
        "2021-йил 6-декабр: Тошкентда декларация, https://gov.uz/uz/news қаранг."
    );
}

#[test]
fn editor_declared_words_are_kept() {
    let mut t = Transliterator::uzbek_latin_to_cyrillic();
    t.keep_also(["UzAuto".to_string()]);
    assert_eq!(
        t.text("UzAuto va Chevrolet zavodi"),
        "UzAuto ва Chevrolet заводи"
    );
}

#[test]
fn kept_phrases_stay_whole_and_only_on_word_boundaries() {
    let mut t = Transliterator::uzbek_latin_to_cyrillic();
    t.keep_also(["The Astana Times".to_string()]);
    assert_eq!(
        t.text("The Astana Times yozishicha, Astana shahri"),
        "The Astana Times ёзишича, Астана шаҳри"
    );
    // Not on word boundaries: transliterated as any other words.
    assert_eq!(t.text("XThe Astana Timesx"), "ХТҳе Астана Тимесх");
}

#[test]
fn headings_keep_the_source_ids() {
    let t = Transliterator::uzbek_latin_to_cyrillic();
    assert_eq!(
        t.markdown("## Qisman ma’lum sanalar\n\n### `kod` va [havola](a.md) ##\r\n# Own {#mine}\n#no-space\n"),
        "## Қисман маълум саналар {#qisman-malum-sanalar}\n\n### `kod` ва [ҳавола](a.md) ## {#kod-va-havola}\r\n# Own {#mine}\n#но-space\n"
    );
}

#[test]
fn markdown_code_links_and_attributes_stay_as_written() {
    let t = Transliterator::uzbek_latin_to_cyrillic();
    let source = "## Sarlavha {#sarlavha}\n\n[Manba](https://kun.uz/news) va `kod` <b class=\"x\">\n\n```toml\ntitle = \"shahar\"\n```\nShahar\n";
    assert_eq!(
        t.markdown(source),
        "## Сарлавҳа {#sarlavha}\n\n[Манба](https://kun.uz/news) ва `kod` <b class=\"x\">\n\n```toml\ntitle = \"shahar\"\n```\nШаҳар\n"
    );
}
