"""Normalised places, publishers, roles, and the MARC language and country code lists."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scripts.marc.country_codes import COUNTRIES
from scripts.marc.language_codes import LANGUAGES
from scripts.marc.normalize import (
    country_code,
    country_codes,
    country_name,
    fold,
    fold_script,
    language_code,
    language_name,
    normalize_place,
    normalize_publisher,
    normalize_role,
    normalize_text,
    place_aliases,
    relator_term,
    spoken_language,
)
from scripts.marc.places import PLACE_ALIASES, PLACE_NAMES

LATIN_PLACES = {
    "Venetiis": "venice", "Venetijs": "venice", "Venetiae": "venice",
    "Lugduni Batavorum": "leiden", "Lugd. Bat.": "leiden", "Lugduni": "lyon",
    "Londini": "london", "Parisiis": "paris", "Lutetiae": "paris",
    "Lutetiae Parisiorum": "paris", "Amstelodami": "amsterdam", "Amstelaedami": "amsterdam",
    "Oxonii": "oxford", "Cantabrigiae": "cambridge", "Basileae": "basel",
    "Antverpiae": "antwerp", "Moguntiae": "mainz", "Moguntiaci": "mainz",
    "Norimbergae": "nuremberg", "Nurembergae": "nuremberg", "Coloniae": "cologne",
    "Coloniae Agrippinae": "cologne", "Romae": "rome", "Florentiae": "florence",
    "Francofurti": "frankfurt", "Francofurti ad Moenum": "frankfurt",
    "Argentorati": "strasbourg", "Lipsiae": "leipzig", "Vitebergae": "wittenberg",
    "Wittenbergae": "wittenberg", "Tiguri": "zurich", "Genevae": "geneva",
    "Hafniae": "copenhagen", "Holmiae": "stockholm", "Viennae": "vienna",
    "Mediolani": "milan", "Neapoli": "naples", "Bononiae": "bologna", "Patavii": "padua",
    "Augustae Vindelicorum": "augsburg", "Ulmae": "ulm", "Hagae Comitis": "the hague",
    "Traiecti ad Rhenum": "utrecht", "Edinburgi": "edinburgh", "Dublinii": "dublin",
    "Matriti": "madrid", "Complutum": "alcala de henares", "Compluti": "alcala de henares",
    "Constantinopoli": "istanbul", "Kushta": "istanbul", "Westmonasterii": "westminster",
    "Soncino": "soncino", "Soncini": "soncino", "Coloniae Allobrogum": "geneva",
}  # fmt: skip


@pytest.mark.parametrize(("latin", "english"), LATIN_PLACES.items())
def test_latin_imprint_places_become_modern_english(latin, english):
    assert normalize_place(latin) == english
    assert normalize_place(f"[{latin}] :") == english
    assert normalize_place(latin.upper() + ",") == english


# Hebrew imprint places as title pages print them, to the key their Latin forms have.
HEBREW_PLACES = {
    "קושטנדינא": "istanbul", "קושטא": "istanbul", "שאלוניקי": "thessaloniki",
    "שלוניקי": "thessaloniki", "ליוורנו": "livorno", "ליבורנו": "livorno", "פיורדא": "furth",
    "זולצבאך": "sulzbach", "ויניציאה": "venice", "ויניציא": "venice", "וינציה": "venice",
    "אמשטרדם": "amsterdam", "אמשטרדאם": "amsterdam", "פראג": "prague", "שונצינו": "soncino",
    "מנטובה": "mantua", "פירארה": "ferrara", "קראקא": "krakow", "לובלין": "lublin",
    "ברלין": "berlin", "פרנקפורט": "frankfurt", "דיהרנפורט": "dyhernfurth",
    "סלאוויטא": "slavuta", "ווילנא": "vilnius", "ירושלים": "jerusalem", "צפת": "safed",
}  # fmt: skip


@pytest.mark.parametrize(("hebrew", "english"), HEBREW_PLACES.items())
def test_hebrew_imprint_places_become_the_key_of_their_latin_forms(hebrew, english):
    assert normalize_place(hebrew) == english
    assert normalize_place(f"[{hebrew}] :") == english
    assert normalize_place(f"ב{hebrew}") == english  # "in", written as part of the word
    assert normalize_place(f'פה ק"ק {hebrew}') == english  # "here, the holy community of"


@pytest.mark.parametrize(
    ("latin", "hebrew"),
    [("Constantinopoli", "קושטנדינא"), ("Kushta", "קושטא"), ("Venetiis", "ויניציאה"),
     ("Amstelodami", "אמשטרדם"), ("Vilnae", "ווילנא"), ("Salonika", "שאלוניקי")],
)  # fmt: skip
def test_a_hebrew_place_shares_its_latin_forms_aliases(latin, hebrew):
    assert set(place_aliases(hebrew)) == set(place_aliases(latin))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("אמשטרדם", "amsterdam"),  # a final mem
        ("אמשטרדמ", "amsterdam"),  # typed as a plain one
        ("װילנא", "vilnius"),  # a Yiddish ligature
        ('נדפס פה ק"ק אמשטרדם', "amsterdam"),
        ("בית", "בית"),  # a place we do not know keeps its letters, its "ב" too
        ("ברלין", "berlin"),  # a place whose name begins with "ב"
    ],
)
def test_hebrew_place_spellings_fold_and_lose_their_formulae(raw, expected):
    assert normalize_place(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wellington [N.Z.] :", "wellington"),
        ("[Wellington, N.Z.] :", "wellington"),
        ("[Wellington] N.Z. :", "wellington"),
        ("Wellington (N.Z.)", "wellington"),
        ("Wellington [N.Z.", "wellington"),  # the bracket closes in $b
        ("Auckland, N.Z. :", "auckland"),
        ("Sydney [N.S.W.], :", "sydney"),
        ("[London?] :", "london"),
        ("London ; New York :", "london"),
        ("[Venetiis]", "venice"),
        ("[Venetiis?] :", "venice"),
        ("Impressum Venetiis", "venice"),
        ("A Paris :", "paris"),
        ("À Lyon", "lyon"),
        ("Venetiis [i.e. Lyon] :", "lyon"),  # a false imprint, corrected by the cataloguer
        ("Alcalá de Henares", "alcala de henares"),
        ("München [Germany]", "munich"),
        ("A Coruña", "a coruna"),  # "a" stays unless the rest is a known place
        ("Imprinted at London :", "london"),
        ("Gedruckt zu Franckfurt am Mayn :", "frankfurt"),
        ("t'Amsterdam :", "amsterdam"),
        ("Tot Leyden :", "leiden"),
        ("'s-Gravenhage", "the hague"),
        ("In venerabili monasterio Sublacensi :", "subiaco"),
        ("Kostantiniyye :", "istanbul"),
        ("Hamburgi [i.e. Amsterdam] :", "amsterdam"),
        ("Te Whanganui-a-Tara, Aotearoa :", "te whanganui a tara"),
        ("[S.l.] :", None),
        ("[S.l. :", None),
        ("Place of publication not identified", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_place_strips_isbd_punctuation_brackets_and_qualifiers(raw, expected):
    assert normalize_place(raw) == expected


def test_constantinople_keeps_its_name_and_shares_an_alias_with_istanbul():
    assert normalize_place("Constantinople :") == "constantinople"
    assert normalize_place("Constantinopoli") == "istanbul"
    assert set(place_aliases("Istanbul")) >= {"istanbul", "constantinople"}
    assert place_aliases("Constantinople")[0] == "constantinople"
    assert "istanbul" in place_aliases("Constantinople")
    assert "istanbul" in place_aliases("Kushta")


def test_place_aliases_of_a_place_without_aliases_is_itself_and_of_nothing_is_empty():
    assert place_aliases("Venetiis") == ("venice",)
    assert place_aliases("[S.l.]") == ()


@pytest.mark.parametrize(
    "name", sorted(set(PLACE_NAMES.values()) | {n for g in PLACE_ALIASES for n in g})
)
def test_normalize_place_is_idempotent_on_its_own_output(name):
    assert normalize_place(name) == name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("apud Aldum,", "aldum"),
        ("Apud Ioannem Maire", "ioannem maire"),
        ("Ex officina Elzeviriana", "elzeviriana"),
        ("ex officina Plantiniana :", "plantiniana"),
        ("Typis Jacobi Junii,", "jacobi junii"),
        ("Impensis Societatis", "societatis"),
        ("Printed by John Field ;", "john field"),
        ("printed for the author", "the author"),
        ("[Printed by J. Smith]", "j smith"),
        ("E Theatro Sheldoniano", "e theatro sheldoniano"),
        ("nelle case d'Aldo Romano,", "aldo romano"),
        ("appresso Giacomo Mascardi,", "giacomo mascardi"),
        ("in aedibus Aldi,", "aldi"),
        ("chez Claude Barbin,", "claude barbin"),
        ("de l'imprimerie de Robert Estienne,", "robert estienne"),
        ("Oxford University Press,", "oxford university press"),
        ("Whitcombe & Tombs,", "whitcombe tombs"),
        ("[s.n.]", None),
        ("s.n.", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_publisher_drops_punctuation_and_imprint_formulae(raw, expected):
    assert normalize_publisher(raw) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("printer.", "printer"),
        ("Printer,", "printer"),
        ("ed.", "editor"),
        ("tr.", "translator"),
        ("issuing body.", "issuing body"),
        ("prt", "printer"),
        ("aui", "author of introduction etc"),
        ("author of introduction, etc.", "author of introduction etc"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_role(term, expected):
    assert normalize_role(term) == expected


@pytest.mark.parametrize(
    ("code", "term"),
    [("prt", "printer"), ("pbl", "publisher"), ("aut", "author"), ("edt", "editor"),
     ("trl", "translator"), ("ill", "illustrator"), ("bsl", "bookseller"), ("PRT.", "printer"),
     ("xyz", None), (None, None)],
)  # fmt: skip
def test_relator_term(code, term):
    assert relator_term(code) == term


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Wellington [N.Z.] :", "wellington n z"),
        ("Māori", "maori"),
        ("Ælfric's Homilies", "aelfrics homilies"),
        ("O’Brien", "obrien"),
        ("Hawaiʻi", "hawaii"),
        ("Œuvres complètes", "oeuvres completes"),
        ("Ἰλιάς", "ιλιασ"),  # casefold makes final sigma plain sigma: both spellings match
        ("Ἡροδότου λόγοι ἐννέα", "ηροδοτου λογοι εννεα"),  # accents and breathings
        ("Σουΐδας", "σουιδασ"),
        ("שֻׁלְחָן עָרוּךְ", "שלחנ ערוכ"),  # points gone, final letters as ordinary ones
        ("בְּרֵאשִׁ֖ית בָּרָ֣א", "בראשית ברא"),  # cantillation too
        ("ﬠשה", "עשה"),  # a presentation form
        ("בית־המקדש", "בית המקדש"),  # maqaf, a word break
        ("װילנא", "ווילנא"),  # a Yiddish ligature as its two letters
        ("O´Brien", "obrien"),
        ("  spaced   out  ", "spaced out"),
        ("[--]", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    "typed",
    ['רמ"ד', "רמ״ד", "רמ”ד", "רמ“ד", "רמ''ד", "רמד", "רַמ״ד"],
)
def test_gershayim_in_every_typed_form_folds_alike(typed):
    assert fold(typed) == fold_script(typed) == "רמד"


@pytest.mark.parametrize("geresh", ["'", "׳", "`", "’", "‘", "´"])
def test_geresh_in_every_typed_form_folds_alike(geresh):
    assert fold(f'ה{geresh}תק"ה') == "התקה"
    assert fold(f"ר{geresh} יוסף") == "ר יוספ"


def test_fold_script_keeps_case_punctuation_and_quotes_around_hebrew_words():
    assert fold_script("Ἡροδότου λόγοι.") == "Ηροδοτου λογοι."
    assert fold_script('"ספר הזהר" : Cæsar') == '"ספר הזהר" : Caesar'
    assert fold_script("Ngā mōteatea") == "Nga moteatea"


@given(st.text())
def test_fold_script_is_idempotent_and_fold_starts_from_it(text):
    once = fold_script(text)
    assert fold_script(once) == once
    assert fold(once) == fold(text)


def test_normalize_text_is_none_when_nothing_is_left():
    assert normalize_text(" : / ") is None
    assert normalize_text(None) is None
    assert normalize_text("Larger than life :") == "larger than life"


LANGUAGES_NEEDED = {
    "eng": "English", "lat": "Latin", "grc": "Greek, Ancient (to 1453)",
    "gre": "Greek, Modern (1453-)", "heb": "Hebrew", "ger": "German", "fre": "French",
    "ita": "Italian", "dut": "Dutch", "spa": "Spanish", "por": "Portuguese", "ara": "Arabic",
    "syr": "Syriac, Modern", "chu": "Church Slavic", "rus": "Russian", "pol": "Polish",
    "cze": "Czech", "hun": "Hungarian", "swe": "Swedish", "dan": "Danish", "nor": "Norwegian",
    "ice": "Icelandic", "wel": "Welsh", "gle": "Irish", "gla": "Scottish Gaelic",
    "mao": "Maori", "chi": "Chinese", "jpn": "Japanese", "san": "Sanskrit", "arm": "Armenian",
    "geo": "Georgian", "per": "Persian", "tur": "Turkish", "yid": "Yiddish", "lad": "Ladino",
    "und": "Undetermined", "mul": "Multiple languages", "zxx": "No linguistic content",
    "haw": "Hawaiian", "smo": "Samoan", "ton": "Tongan", "fij": "Fijian", "tah": "Tahitian",
    "rar": "Rarotongan",
}  # fmt: skip


@pytest.mark.parametrize(
    ("code", "spoken"),
    [
        ("lat", "Latin"),
        ("grc", "Ancient Greek"),
        ("gre", "Modern Greek"),
        ("ota", "Ottoman Turkish"),
        ("alg", "Algonquian"),
        ("enm", "Middle English"),
        ("nno", "Norwegian (Nynorsk)"),
        ("zzz", "zzz"),
    ],
)
def test_spoken_language_reads_as_a_reader_says_it_and_keeps_languages_apart(code, spoken):
    assert spoken_language(code) == spoken
    assert language_code(spoken) == code or code == "zzz"  # and reads back as the same one


@pytest.mark.parametrize(("code", "name"), LANGUAGES_NEEDED.items())
def test_language_codes_and_names_resolve_both_ways(code, name):
    assert language_name(code) == name
    assert language_name(code.upper()) == name
    assert language_code(name) == code
    assert language_code(code) == code


def test_every_current_language_name_resolves_to_its_code():
    # "Syriac" is the one exception: it resolves to "syr", which catalogues used for classical
    # Syriac before "syc" existed.
    mismatched = {code for code, name in LANGUAGES.items() if language_code(name) != code}
    assert mismatched == {"syc"}


@pytest.mark.parametrize(
    ("name", "code"),
    [("Latin", "lat"), ("latin", "lat"), ("Māori", "mao"), ("te reo Māori", "mao"),
     ("Greek", "grc"), ("Ancient Greek", "grc"), ("Modern Greek", "gre"),
     ("Old English", "ang"), ("Middle High German", "gmh"), ("Ottoman Turkish", "ota"),
     ("Syriac", "syr"), ("Church Slavonic", "chu"), ("Klingonese", None), ("", None),
     (None, None)],
)  # fmt: skip
def test_language_code_of_everyday_names(name, code):
    assert language_code(name) == code


def test_language_name_of_obsolete_and_unknown_codes():
    assert language_name("scr") == "Croatian"
    assert language_name("qqq") is None
    assert language_name(None) is None


COUNTRIES_NEEDED = {
    "nz": "New Zealand", "enk": "England", "xxk": "United Kingdom", "stk": "Scotland",
    "wlk": "Wales", "nik": "Northern Ireland", "ie": "Ireland", "xxu": "United States",
    "at": "Australia", "xna": "New South Wales", "it": "Italy", "fr": "France",
    "gw": "Germany", "ne": "Netherlands", "be": "Belgium", "sz": "Switzerland", "sp": "Spain",
    "po": "Portugal", "au": "Austria", "tu": "Turkey", "is": "Israel", "pl": "Poland",
    "ru": "Russia (Federation)", "dk": "Denmark", "sw": "Sweden", "xxc": "Canada",
    "nyu": "New York (State)", "to": "Tonga", "fj": "Fiji", "ws": "Samoa",
}  # fmt: skip


@pytest.mark.parametrize(("code", "name"), COUNTRIES_NEEDED.items())
def test_country_codes_and_names_resolve_both_ways(code, name):
    assert country_name(code) == name
    assert country_name(f" {code.upper()} ") == name
    assert country_code(name) == code


def test_every_current_country_name_resolves_to_its_code():
    assert {code for code, name in COUNTRIES.items() if country_code(name) != code} == set()


@pytest.mark.parametrize(
    ("name", "code"),
    [("USA", "xxu"), ("United States of America", "xxu"), ("UK", "xxk"),
     ("Great Britain", "xxk"), ("Holland", "ne"), ("Aotearoa", "nz"), ("Russia", "ru"),
     ("New York", "nyu"), ("Atlantis", None), (None, None)],
)  # fmt: skip
def test_country_code_of_everyday_names(name, code):
    assert country_code(name) == code


def test_country_codes_include_the_parts_of_a_country():
    assert set(country_codes("Australia")) >= {"at", "xna", "vra", "qea", "tma", "wea"}
    assert country_codes("Australia")[0] == "at"
    assert set(country_codes("United Kingdom")) >= {"xxk", "enk", "stk", "wlk", "nik"}
    assert set(country_codes("xxu")) >= {"xxu", "nyu", "cau", "mau", "dcu"}
    assert country_codes("New Zealand") == ("nz",)
    assert country_codes("Atlantis") == ()


def test_country_name_of_obsolete_and_unknown_codes():
    assert country_name("cs") == "Czechoslovakia"
    assert country_name("xx") == "No place, unknown, or undetermined"
    assert country_name("zz") is None
    assert country_name(None) is None


@given(st.text())
def test_normalisers_never_raise(text):
    for normalise in (normalize_place, normalize_publisher, normalize_role, normalize_text):
        result = normalise(text)
        assert result is None or (result and result == result.strip())
    for resolve in (language_code, country_code, country_codes, place_aliases):
        resolve(text)
