"""Normalised forms of catalogue values, shared by the index builder and the query compiler.

Both sides must fold text the same way, so the query compiler resolves "Venice", "Latin" or
"Maori" through these functions, never by its own rules:

- ``fold``: case-folded, diacritics and apostrophes removed ("O'Brien" -> "obrien"),
  punctuation (ISBD's included) as single spaces: "Wellington [N.Z.] :" -> "wellington n z".
  It starts from ``fold_script``, which is also what the full-text index holds and what a
  full-text search looks for: the marks of every script removed (Latin diacritics, Greek
  accents and breathings, Hebrew points and cantillation), Hebrew final letters as ordinary
  ones (ם -> מ) and geresh and gershayim, however typed, dropped inside a Hebrew word
  (רמ"ד, רמ״ד -> רמד), so "Ἡροδότου" and "Ηροδοτου" or "שֻׁלְחָן" and "שלחן" are one word.
  A maqaf (־) is punctuation, so a word break.
- ``normalize_place``: the city an imprint names, in modern English: "Wellington [N.Z.] :" ->
  "wellington", "[Venetiis]" -> "venice", "Lugd. Bat." -> "leiden", "קושטנדינא" ->
  "istanbul"; ``place_aliases`` gives the other names of the same city (see ``places``),
  ``place_forms`` every imprint form of each. "[S.l.]" -> None.
- ``normalize_publisher``: the publisher without its Latin or English formula ("apud",
  "ex officina", "typis", "impensis", "printed by" ...); the raw form keeps it. "[s.n.]" -> None.
- ``normalize_role``/``relator_term``: $e terms and $4 codes as one vocabulary ("printer").
- ``normalize_citation_number``: a 510 $c number as one token ("Goff B-526" -> "b526").
- ``language_code``/``language_name`` and ``country_code``/``country_name``/``country_codes``:
  the MARC code lists, both ways.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from scripts.marc.country_codes import COUNTRIES, OBSOLETE_COUNTRIES
from scripts.marc.language_codes import LANGUAGES, OBSOLETE_LANGUAGES
from scripts.marc.places import PLACE_ALIASES, PLACE_NAMES, PLACES_IN_COUNTRY, US_STATES
from scripts.marc.relator_codes import RELATORS

# Letters that Unicode decomposition leaves whole.
_LETTERS = str.maketrans({"æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
                          "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
                          "þ": "th", "Þ": "th", "ı": "i",
                          # a spacing accent typed as an apostrophe, which decomposition
                          # would turn into a space
                          "´": "'"})  # fmt: skip
# After decomposition: Hebrew final letters and the Yiddish ligatures as the letters they are.
HEBREW_LETTERS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ",
                                "װ": "וו", "ױ": "וי", "ײ": "יי"})  # fmt: skip
# Geresh and gershayim as readers type them: the Hebrew marks, quotes, apostrophes, backticks
# (and gershayim as two apostrophes). Gershayim stands before a word's last letter (רמ"ד), a
# geresh after a letter (ה'תק"ה, ר').
GERESH_FORMS = "׳'’‘`´"
GERSHAYIM_FORMS = '״"”“'
_GERSHAYIM = re.compile(f"(?<=[א-ת])(?:''|[{GERSHAYIM_FORMS}])(?=[א-ת])")
_GERESH = re.compile(f"(?<=[א-ת])[{GERESH_FORMS}]")
# What a language's name adds that a reader leaves out: its dates, or "(Other)".
_DATES_OR_OTHER = re.compile(r"\s*\((?:[^)]*\d[^)]*|Other)\)")
_APOSTROPHES = re.compile(r"['’ʻʼ`]")
# Romance and Dutch elisions in imprints: "nelle case d'Aldo", "t'Amsterdam" (a space, not
# nothing, so the name stays a word of its own).
_ELISION = re.compile(r"\b(d|l|t|dell|nell|all|dall|sull|qu)['’](?=\w)", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")

_PLACE_CORRECTION = re.compile(r"\[\s*i\.\s?e\.,?\s*([^\]]+)\]", re.IGNORECASE)
# "Wellington [N.Z.]", "Wellington (N.Z.)", and "Wellington [N.Z" whose bracket closes in $b
_PLACE_QUALIFIER = re.compile(r"(?<=[\w.?])\s*[\[(][^\[\]()]*(?:[\])]|$)")
_PLACE_SEPARATOR = re.compile(r"[,:;]")
_TRAILING_INITIALS = re.compile(r"(?<=\S)\s+(?:[A-Za-z]\.\s?)+[A-Za-z]\.?$")  # "[Wellington] N.Z."
# Words before a place name in an imprint ("Impressum Venetiis", "Imprinted at London",
# "t'Amsterdam", "פה ק"ק אמשטרדם": here, the holy community of), dropped only when what
# follows is a place we know; so is the Hebrew "in" written as part of the name (בויניציאה).
_PLACE_FORMULAE = tuple(sorted(
    ("impressum", "impressa", "imprinted at", "printed at", "gedruckt zu", "gedruckt in",
     "stampato in", "in", "at", "a", "en", "zu", "te", "tot", "t",
     "נדפס", "נדפס פה", "נדפס בקק", "נדפס פה קק", "פה", "פה קק", "קק", "בקק"),
    key=len, reverse=True))  # fmt: skip
_HEBREW_IN = "ב"
_SINE_LOCO = frozenset({"s l", "sl", "sine loco", "n p", "np", "s l e", "o o", "no place",
                        "place of publication not identified", "place of publication unknown",
                        "lieu de publication non identifie", "sin lugar", "senza luogo",
                        "ohne ort"})  # fmt: skip

PUBLISHER_FORMULAE = tuple(sorted(
    ("apud", "ex officina", "ex typographia", "e typographia", "ex typographeo", "e typographeo",
     "in officina", "in aedibus", "ex aedibus", "in domo", "typis", "impensis", "sumptibus",
     "sumtibus", "sumptu", "expensis", "labore sumptibus", "autoris sumtibus", "excudebat",
     "excudebant", "excudit", "imprimebat", "impressit", "industria", "per", "printed by",
     "printed for", "printed at", "printed and sold by", "printed and published by", "sold by",
     "published by", "by", "for", "at", "chez", "par", "de l imprimerie de", "bey", "bei",
     "durch", "verlegts", "presso", "appresso", "apresso", "nella stamperia di",
     "nella stamperia de", "nelle case d", "por", "en casa de", "en la officina de",
     "en la imprension de"),
    key=len, reverse=True))  # fmt: skip
_SINE_NOMINE = frozenset({"s n", "sn", "sine nomine", "s n e", "n pub", "publisher not identified",
                          "editeur non identifie", "o v", "unknown"})  # fmt: skip

_ROLE_ABBREVIATIONS = {"ed": "editor", "eds": "editor", "joint ed": "editor", "tr": "translator",
                       "trans": "translator", "ill": "illustrator", "illus": "illustrator",
                       "comp": "compiler", "joint author": "author", "pr": "printer",
                       "publ": "publisher"}  # fmt: skip

_LANGUAGE_ALIASES = {"greek": "grc", "classical greek": "grc", "te reo": "mao",
                     "te reo maori": "mao", "gaelic": "gla", "irish gaelic": "gle",
                     "farsi": "per", "castilian": "spa", "flemish": "dut", "mandarin": "chi",
                     "cantonese": "chi", "church slavonic": "chu", "old church slavonic": "chu",
                     "slavonic": "chu", "sinhala": "sin", "moldavian": "rum",
                     # Catalogues coded classical Syriac "syr" before "syc" existed.
                     "syriac": "syr", "cook islands maori": "rar"}  # fmt: skip
_COUNTRY_ALIASES = {"usa": "xxu", "us": "xxu", "u s": "xxu", "u s a": "xxu", "america": "xxu",
                    "united states of america": "xxu", "uk": "xxk", "u k": "xxk",
                    "great britain": "xxk", "britain": "xxk", "holland": "ne",
                    "the netherlands": "ne", "deutschland": "gw", "aotearoa": "nz",
                    "czechia": "xr", "myanmar": "br", "turkiye": "tu", "russia": "ru",
                    "ivory coast": "iv", "vatican": "vc", "swaziland": "sq", "macedonia": "xn",
                    "east timor": "em", "cape verde": "cv", "korea": "ko",
                    "south korea": "ko", "north korea": "kn"}  # fmt: skip
# Languages and countries by their Hebrew names, as readers write them.
_HEBREW_LANGUAGES = {
    "עברית": "heb", "ארמית": "arc", "לאדינו": "lad", "ספניולית": "lad", "יידיש": "yid",
    "אידיש": "yid", "לטינית": "lat", "יוונית": "grc", "ערבית": "ara", "גרמנית": "ger",
    "איטלקית": "ita", "ספרדית": "spa", "צרפתית": "fre", "אנגלית": "eng", "הולנדית": "dut",
    "פורטוגזית": "por", "פולנית": "pol", "רוסית": "rus", "סורית": "syr", "פרסית": "per",
    "טורקית": "tur", "ערבית יהודית": "jrb", "יהודית ערבית": "jrb", "פרסית יהודית": "jpr",
}  # fmt: skip
_HEBREW_COUNTRIES = {
    "ישראל": "is", "איטליה": "it", "גרמניה": "gw", "הולנד": "ne", "פולין": "pl", "טורקיה": "tu",
    "ספרד": "sp", "צרפת": "fr", "אנגליה": "enk", "רוסיה": "ru", "יוון": "gr", "שוויץ": "sz",
    "אוסטריה": "au", "אמריקה": "xxu", "ניו זילנד": "nz",
}  # fmt: skip
# Countries whose parts have codes of their own, by the last letter those codes share.
_COUNTRY_PARTS = {"xxu": "u", "xxc": "c", "at": "a", "xxk": "k", "xxr": "r"}


class _Marks(dict[int, int | None]):
    """A ``str.translate`` table deleting combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_MARKS = _Marks()


def fold_script(text: str) -> str:
    """``text`` without the marks of any script, Hebrew final letters as ordinary ones and
    geresh and gershayim dropped inside Hebrew words; case and punctuation kept."""
    if text.isascii():  # most catalogue text: nothing to fold
        return text
    bare = unicodedata.normalize("NFKD", text.translate(_LETTERS)).translate(_MARKS)
    return _GERESH.sub("", _GERSHAYIM.sub("", bare.translate(HEBREW_LETTERS)))


def fold(text: str) -> str:
    """Case-folded text without diacritics, apostrophes or punctuation, spaces collapsed."""
    bare = _APOSTROPHES.sub("", fold_script(text))
    return _NON_WORD.sub(" ", bare.casefold()).strip()


def normalize_text(text: str | None) -> str | None:
    """``fold`` for titles, names and headings; None when nothing is left."""
    return (fold(text) or None) if text else None


def normalize_citation_number(text: str | None) -> str | None:
    """A number in a bibliography as one token, so any spelling finds it: "B-526", "b 526" and
    "B526" -> "b526"; "ia00123000" stays. None when nothing is left."""
    return (fold(text).replace(" ", "") or None) if text else None


@lru_cache(maxsize=16384)
def normalize_place(text: str | None, country: str | None = None) -> str | None:
    """The modern English name of an imprint place ("[Venetiis]" -> "venice"); None if none.

    ``country`` (008/15-17) tells apart cities that share a Latin name ("Lugduni" is Leiden
    in a Dutch book); a US state after a town's name stays ("Cambridge, Mass.").
    """
    if not text:
        return None
    correction = _PLACE_CORRECTION.search(text)  # "Venetiis [i.e. Lyon]": the true place
    if correction:
        text = correction.group(1)
    state = _us_state(text)
    text = _PLACE_QUALIFIER.sub("", _ELISION.sub(r"\1 ", text))
    text = text.replace("[", "").replace("]", "").replace("?", "")
    text = _TRAILING_INITIALS.sub("", _PLACE_SEPARATOR.split(text, maxsplit=1)[0].strip())
    folded = fold(text)
    if not folded or folded in _SINE_LOCO:
        return None
    if all(len(word) == 1 for word in folded.split()):  # initials: "N.Z.", "U.S.A."
        folded = expand_abbreviations("".join(folded.split()))
    folded = _without_formula(folded)
    if state:
        return f"{folded} {state}"
    return PLACES_IN_COUNTRY.get((folded, country or ""), _PLACE_FORMS.get(folded, folded))


def _without_formula(folded: str) -> str:
    """The place a folded imprint names after its formula, when it is one we know."""
    for formula in ("", *_PLACE_FORMULAE):
        rest = folded.removeprefix(f"{formula} ") if formula else folded
        if rest == folded and formula:
            continue
        for place in (rest, rest.removeprefix(_HEBREW_IN)):
            if place in _KNOWN_PLACES:
                return place
    return folded


def _us_state(text: str) -> str | None:
    """The US state a place's qualifier or second part names ("Cambridge [Mass.]")."""
    qualifier = _PLACE_QUALIFIER.search(text)
    parts = _PLACE_SEPARATOR.split(text, maxsplit=1)
    for candidate in (qualifier.group(0) if qualifier else "", parts[1] if len(parts) > 1 else ""):
        folded = fold(candidate)
        if folded in US_STATES:
            return folded.replace(" ", "")
    return None


def place_aliases(text: str) -> tuple[str, ...]:
    """Every normalised name of the place ``text`` names, itself first."""
    place = normalize_place(text)
    if place is None:
        return ()
    group = _ALIAS_GROUPS.get(place, (place,))
    return (place, *(name for name in group if name != place))


def printing_town(place: str) -> str | None:
    """The town a normalised place of printing is, by the name it is known by now, of the
    names it was printed under ("constantinople", "te whanganui a tara" -> "istanbul",
    "wellington"); None for a country ("new zealand"), which names no town."""
    if country_code(place):
        return None
    return _ALIAS_GROUPS.get(place, (place,))[0]


@lru_cache(maxsize=16384)
def normalize_publisher(text: str | None) -> str | None:
    """A publisher's name, folded, without "apud"/"typis"/"printed by"...; None for [s.n.]."""
    if not text:
        return None
    folded = fold(_ELISION.sub(r"\1 ", text))
    while formula := next((f for f in PUBLISHER_FORMULAE if folded.startswith(f"{f} ")), None):
        folded = folded[len(formula) + 1 :]
    return None if not folded or folded in _SINE_NOMINE else folded


def normalize_role(term: str | None) -> str | None:
    """A $e/$j relator term as one vocabulary: "printer." -> "printer", "ed." -> "editor"."""
    folded = fold(term) if term else ""
    if not folded:
        return None
    return _ROLE_ABBREVIATIONS.get(folded) or fold(RELATORS.get(folded, folded))


def relator_term(code: str | None) -> str | None:
    """The term for a $4 relator code ("prt" -> "printer"); None when the code is unknown."""
    return RELATORS.get(fold(code)) if code else None


def language_name(code: str | None) -> str | None:
    """English name of a MARC language code ("mao" -> "Maori"); None when unknown."""
    if not code:
        return None
    code = code.strip().lower()
    return LANGUAGES.get(code) or OBSOLETE_LANGUAGES.get(code)


def spoken_language(code: str) -> str:
    """A language as a reader says it: "Greek, Ancient (to 1453)" -> "Ancient Greek",
    "Algonquian (Other)" -> "Algonquian"; "Norwegian (Nynorsk)" and an unknown code as they
    are."""
    name = language_name(code)
    if name is None:
        return code
    head, comma, qualifier = _DATES_OR_OTHER.sub("", name).partition(", ")
    return f"{qualifier} {head}" if comma else head


def language_code(name_or_code: str | None) -> str | None:
    """MARC code for a language name or code ("Latin" -> "lat", "Māori" -> "mao")."""
    folded = fold(name_or_code) if name_or_code else ""
    if folded in LANGUAGES or folded in OBSOLETE_LANGUAGES:
        return folded
    return _LANGUAGE_ALIASES.get(folded) or _LANGUAGE_BY_NAME.get(folded)


def country_name(code: str | None) -> str | None:
    """English name of a MARC country code ("nz" -> "New Zealand"); None when unknown."""
    if not code:
        return None
    code = code.strip().lower()
    return COUNTRIES.get(code) or OBSOLETE_COUNTRIES.get(code)


def country_code(name_or_code: str | None) -> str | None:
    """MARC code for a country name or code ("New Zealand" -> "nz", "USA" -> "xxu")."""
    folded = fold(name_or_code) if name_or_code else ""
    if folded in _COUNTRY_ALIASES:
        return _COUNTRY_ALIASES[folded]
    if folded in COUNTRIES or folded in OBSOLETE_COUNTRIES:
        return folded
    return _COUNTRY_BY_NAME.get(folded)


def country_codes(name_or_code: str | None) -> tuple[str, ...]:
    """The country's code and the codes of its parts ("Australia" -> at, aca, qea, ...)."""
    code = country_code(name_or_code)
    if code is None:
        return ()
    suffix = _COUNTRY_PARTS.get(code)
    if suffix is None:
        return (code,)
    name = country_name(code)
    parts = sorted(
        other
        for table in (COUNTRIES, OBSOLETE_COUNTRIES)
        for other, other_name in table.items()
        if other != code and ((len(other) == 3 and other.endswith(suffix)) or other_name == name)
    )
    return (code, *parts)


def _names_index(current: dict[str, str], obsolete: dict[str, str]) -> dict[str, str]:
    """Folded name -> code. Exact names first, then "Greek, Ancient (to 1453)" also as "greek
    ancient" and "ancient greek"; current codes before discontinued ones; first come wins."""
    index: dict[str, str] = {}
    for table in (current, obsolete):
        for code, name in table.items():
            index.setdefault(fold(name), code)
    for table in (current, obsolete):
        for code, name in table.items():
            plain = re.sub(r"\s*\(.*?\)", "", name)
            head, comma, qualifier = plain.partition(",")
            for form in (plain, f"{qualifier} {head}" if comma else plain):
                index.setdefault(fold(form), code)
    return index


_LANGUAGE_BY_NAME = _names_index(LANGUAGES, OBSOLETE_LANGUAGES)
_COUNTRY_BY_NAME = _names_index(COUNTRIES, OBSOLETE_COUNTRIES)


def language_forms() -> dict[str, str]:
    """Every folded name a language is known by, in English or Hebrew -> its MARC code."""
    return {**_LANGUAGE_BY_NAME, **_LANGUAGE_ALIASES}


def country_forms() -> dict[str, str]:
    """Every folded name a country is known by, in English or Hebrew -> its MARC code."""
    return {**_COUNTRY_BY_NAME, **_COUNTRY_ALIASES}


_LANGUAGE_ALIASES |= {fold(name): code for name, code in _HEBREW_LANGUAGES.items()}
_HEBREW_LANGUAGE_NAMES = {code: name for name, code in reversed(_HEBREW_LANGUAGES.items())}


def hebrew_language_name(code: str) -> str | None:
    """A language's Hebrew name ("lat" -> "לטינית"), when readers have one for it."""
    return _HEBREW_LANGUAGE_NAMES.get(code)


_COUNTRY_ALIASES |= {fold(name): code for name, code in _HEBREW_COUNTRIES.items()}


def place_forms() -> dict[str, str]:
    """Every folded Latin, vernacular or Hebrew imprint form of a place -> its modern name."""
    return dict(_PLACE_FORMS)


_PLACE_FORMS = {fold(form): place for form, place in PLACE_NAMES.items()}
_ALIAS_GROUPS = {name: group for group in PLACE_ALIASES for name in group}
_KNOWN_PLACES = (
    frozenset(_PLACE_FORMS) | frozenset(_PLACE_FORMS.values()) | frozenset(_ALIAS_GROUPS)
)


_LATIN_ENDINGS = (
    "ibus",
    "orum",
    "arum",
    "ius",
    "ium",
    "us",
    "um",
    "is",
    "os",
    "ae",
    "am",
    "i",
    "o",
)


@lru_cache(maxsize=16384)
def latin_stem(word: str) -> str:
    """``word`` without one Latin case ending, keeping three letters: "aldus" -> "ald".

    Imprints name printers in the case the sentence needs ("apud Aldum", "in aedibus Aldi",
    "Manuzio, Aldo"), so a folded name word is matched by the stem it starts with.
    """
    for ending in _LATIN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


# Abbreviations read as the words they stand for, in catalogue forms and questions alike.
ABBREVIATIONS = {
    "dept": "department", "depts": "departments", "govt": "government", "gov": "government",
    "co": "company", "cos": "companies", "bros": "brothers", "corp": "corporation",
    "inc": "incorporated", "ltd": "limited", "univ": "university", "uni": "university",
    "inst": "institute", "natl": "national", "intl": "international", "assoc": "association",
    "soc": "society", "st": "saint", "ste": "sainte", "mt": "mount", "nz": "new zealand",
    "uk": "united kingdom", "usa": "united states",
}  # fmt: skip
_ACRONYM_SKIPS = frozenset({"of", "and", "the", "for", "de", "la", "le", "et"})


def expand_abbreviations(folded: str) -> str:
    """Folded words with each abbreviation written out: "govt printer" -> "government printer"."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in folded.split())


def acronym(folded: str) -> str | None:
    """The initials readers use for a body of three or more words ("oup"), if it has them."""
    words = [w for w in expand_abbreviations(folded).split() if w not in _ACRONYM_SKIPS]
    return "".join(w[0] for w in words) if len(words) >= 3 else None
