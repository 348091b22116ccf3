"""Words readers use, kept as data: cues, frames, fillers, terms of art and their meanings.

The interpreter (``grammar``) reads a question through these tables and the index's own
vocabulary (``vocabulary``); no other module holds a reader's word. Phrases are tuples of
folded words (lower case, no accents: see ``tokens.low``). ``tests/scripts/query/
test_lexicon.py`` walks every table.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.marc.normalize import PUBLISHER_FORMULAE, fold
from scripts.schemas.query_plan import Facet, FilterField, SortKey

Phrase = tuple[str, ...]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(*texts: str) -> list[Phrase]:
    """Phrases from space-separated words, longest first so the longest match wins."""
    return sorted((tuple(text.split()) for text in texts), key=len, reverse=True)


# ---------------------------------------------------------------- the shape of a question

# Ways of asking that carry no condition ("have you got anything by Kepler?").
QUESTION_FRAMES = _phrases(
    "have you got", "have you", "do you have", "do you hold", "do you own", "is there",
    "are there", "is there a copy of", "im looking for", "i am looking for",
    "looking for", "show me", "can you show me", "could you show me", "could you find me",
    "can you find me", "can you find", "find me", "i need", "i want", "id like", "give me",
    "can i see", "could i see", "let me see", "what do you have", "what have you got",
    "what do you hold", "got any", "search for", "look for", "tell me about", "list",
    "in the catalogue", "in the catalog", "in the collection", "in your collection",
    "in the library", "you have", "you hold", "that you have", "a copy of", "copies of",
    "the works of", "works of", "the holdings", "holdings", "good morning", "good afternoon",
    "good evening", "good day",
)  # fmt: skip
# Words that name no condition: heads of the question, pronouns, politeness.
FILLERS = _words(
    """a an the any all some only just those these ones one that which who whose were was are
    is be been being have has had me show find list give get search i want need please can
    could would you there do does what whatever anything everything something stuff things
    thing items item books book works work titles title records editions edition copies
    volumes texts publications material materials holdings imprints imprint printing print
    printed published written wrote issued produced released came come out off presses press of
    also then instead now ok okay thanks thank with catalogue catalog us language languages
    old rare kind kinds sort sorts type types other our your copy got see like and or nor
    from in at by on to for hello hi hey hiya greetings cheers them they it their most did do
    does whats whos wheres whens hows theres thats heres im ive youve youre weve among
    amongst worked working date dates dated year years publish publishes prints writes
    interested"""
)
# Heads that make a town or people before them the place of printing ("Parisian imprints").
PLACE_HEADS = frozenset({"imprints", "imprint", "printing", "presses", "press"})
# After a word, these say it names a language ("Maori language books").
LANGUAGE_HEADS = frozenset({"language", "languages"})
NEGATIONS = _phrases(
    "but not", "other than", "apart from", "except for", "that arent", "that are not",
    "which are not", "that isnt", "not", "excluding", "exclude", "except", "without", "non",
    "no", "never", "arent", "isnt",
)  # fmt: skip
ARTICLES = frozenset({"the", "a", "an"})
# Titles before a name that the heading does not carry ("Sir Edmund Hillary").
HONORIFICS = _words(
    """sir dame lady lord rabbi rav rev reverend revd father fr dr doctor prof professor mr mrs
    ms miss mme madame monsieur herr frau don dona"""
)
# Words that join the words of a name or a firm and may be left out or spelt otherwise
# ("Whitcombe and Tombs" is "Whitcombe & Tombs").
JOINING_WORDS = frozenset({"and", "the", "of", "for"})
# Particles inside names that readers add or drop ("Erasmus of Rotterdam", "Ludwig van").
NAME_PARTICLES = _words(
    """of von van vander der den de du des da di del della dei la le a ben bar ibn al el y"""
)

# ---------------------------------------------------------------- cues before a value


WHAT_ABOUT = _phrases("and what about", "what about", "how about", "and how about")
# Kinds a bare value may be when nothing says which ("what about X?").
ANY_KINDS = ("any",)


@dataclass(frozen=True)
class Cue:
    """Words that say what the value after them is: which kinds of value, and which role."""

    words: Phrase
    kinds: tuple[str, ...]
    role: str | None = None  # an agent's role ("illustrator"), for names


def _cues(kinds: tuple[str, ...], *texts: str, role: str | None = None) -> list[Cue]:
    return [Cue(words, kinds, role) for words in _phrases(*texts)]


# Imprint formulae that say something else in a question ("printed at Leiden" is a place).
_NOT_PRINTER_CUES = frozenset({"by", "for", "at", "per", "printed at", "published at"})
NAME_KINDS = ("name",)
PRINTER_KINDS = ("printer",)
TOPIC_KINDS = ("subject",)
WHERE_KINDS = ("language", "country", "place")
CUES: list[Cue] = sorted(
    [
        *_cues(
            PRINTER_KINDS, "printed and published by", "printed by", "published by",
            "issued by", "put out by", "produced by", "released by", "released on",
            "came out on", "printed for", "sold by", "from the press of", "the press of",
        ),
        *_cues(("printer",), "press of"),
        # How imprints name their printers ("apud Seb. Gryphium", "ex officina Plantiniana").
        *_cues(PRINTER_KINDS, *(f for f in PUBLISHER_FORMULAE if f not in _NOT_PRINTER_CUES)),
        *_cues(NAME_KINDS, "written by", "authored by", "edited by", "compiled by",
               "translated by", "composed by", "by", "the works of", "works of", "poems by"),
        *_cues(NAME_KINDS, "illustrated by", "engraved by", role="illustrator"),
        *_cues(("title",), "with the title", "with title", "whose title is", "titled",
               "entitled", "called", "named", "title"),
        *_cues(TOPIC_KINDS, "on the subject of", "on the topic of", "dealing with", "deal with",
               "deals with", "relating to", "related to", "with subject", "about", "concerning",
               "regarding", "on", "subject", "topic", "writing about", "writings on"),
        *_cues(("language",), "written in", "in the language"),
        *_cues(("keyword",), "with the word", "with the words", "containing the word",
               "containing the words", "mentioning", "that mention", "which mention"),
        *_cues(WHERE_KINDS, "printed in", "published in", "issued in", "produced in",
               "came out in", "in"),
        *_cues(("place", "country"), "printed at", "published at", "made in", "at",
               "off the presses in", "came out of", "out of", "with a"),
        *_cues(("country", "place", "name"), "from"),
        *_cues(ANY_KINDS, *(" ".join(p) for p in WHAT_ABOUT)),
        # The rare-book fields, searched as typed.
        *_cues(("citation",), "cited in", "cited as", "cited by", "referenced in",
               "with the reference", "reference", "listed in", "recorded in"),
        *_cues(("provenance",), "owned by", "formerly owned by", "former owner", "former owners",
               "from the library of", "belonged to", "belonging to", "provenance",
               "with the provenance", "ex libris", "the bookplate of", "bookplate of",
               "previously owned by", "once owned by"),
        *_cues(("binding",), "bound in", "in a binding of", "with a binding of", "binding of",
               "bindings of", "bound by", "in bindings of", "bindings in", "binding in",
               "in a binding by", "binder"),
        *_cues(("shelfmark",), "shelfmark", "shelf mark", "call number", "pressmark",
               "shelved at"),
    ],
    key=lambda cue: len(cue.words),
    reverse=True,
)  # fmt: skip
# After a run of words, these say what the run is ("opera in the title", "vellum bindings").
AFTER_WORDS: dict[Phrase, FilterField] = {
    phrase: field_
    for texts, field_ in [
        (("in the title", "in its title", "in title", "in the titles"), FilterField.TITLE),
        (("binding", "bindings"), FilterField.BINDING),
        (("provenance",), FilterField.PROVENANCE),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Cue kinds whose value is searched as typed, and the field that searches it.
TYPED_FIELDS = {
    "keyword": FilterField.KEYWORD,
    "citation": FilterField.CITATION,
    "provenance": FilterField.PROVENANCE,
    "binding": FilterField.BINDING,
    "shelfmark": FilterField.SHELFMARK,
}

# ---------------------------------------------------------------- words with a fixed meaning


@dataclass(frozen=True)
class Meaning:
    """What a term of art or everyday word stands for, as conditions of the plan.

    ``years`` is an inclusive (first, last) range, either end open; ``names`` are name keys;
    ``note`` a phrase the record's notes hold; ``book_format`` the size of a hand-press book
    as its physical description (300 $c) abbreviates it ("fol.", "4to", "8vo").
    """

    years: tuple[int | None, int | None] | None = None
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    note: str | None = None
    book_format: str | None = None
    shown: str | None = None  # how answers name ``names`` or ``book_format``


TERMS: dict[Phrase, Meaning] = {
    phrase: meaning
    for texts, meaning in [
        # Books printed with movable type before 1501, and the decades after.
        (("incunabula", "incunables", "incunable", "incunabulum", "cradle books",
          "fifteenth century books", "15th century books"), Meaning(years=(None, 1500))),
        (("post incunabula", "postincunabula", "post incunables"), Meaning(years=(1501, 1520))),
        (("early printed books", "early printed", "hand press books"),
         Meaning(years=(None, 1800))),
        # Periods of English history that readers name books by.
        (("tudor",), Meaning(years=(1485, 1603), countries=("enk",))),
        (("elizabethan",), Meaning(years=(1558, 1603), countries=("enk",))),
        (("jacobean",), Meaning(years=(1603, 1625), countries=("enk",))),
        (("restoration",), Meaning(years=(1660, 1688), countries=("enk",))),
        (("georgian",), Meaning(years=(1714, 1837), countries=("enk",))),
        (("victorian",), Meaning(years=(1837, 1901), countries=("enk",))),
        # Collectors' names for the books of a press or a language.
        (("aldines", "aldine", "aldine press", "aldine editions"),
         Meaning(names=("manuzio aldo", "aldine press"), shown="Aldus Manutius or the Aldine Press")),
        (("hebraica",), Meaning(languages=("heb",))),
        (("graeca",), Meaning(languages=("grc",))),
        (("first editions", "first edition"), Meaning(note="first edition")),
        # Regions that span countries.
        (("low countries", "netherlandish"), Meaning(countries=("ne", "be"))),
        # Language groups readers name as one.
        (("pacific island languages", "pacific languages", "pasifika languages",
          "pacific island language"),
         Meaning(languages=("smo", "ton", "rar", "niu", "tkl", "fij", "tvl", "gil"))),
        (("te reo", "te reo maori"), Meaning(languages=("mao",))),
        # The format of a hand-press book: how many times its sheets were folded.
        (("folio", "folios", "in folio", "fol"), Meaning(book_format="fol.", shown="folio")),
        (("quarto", "quartos", "4to", "in quarto"), Meaning(book_format="4to", shown="quarto")),
        (("octavo", "octavos", "8vo", "in octavo"), Meaning(book_format="8vo", shown="octavo")),
        (("duodecimo", "duodecimos", "12mo", "twelvemo", "twelvemos"),
         Meaning(book_format="12mo", shown="duodecimo")),
        (("sextodecimo", "sextodecimos", "16mo", "sixteenmo"),
         Meaning(book_format="16mo", shown="sextodecimo")),
        (("vicesimo quarto", "24mo", "twenty fourmo"),
         Meaning(book_format="24mo", shown="vicesimo-quarto")),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Peoples for their countries or towns: "Parisian imprints" are printed in Paris, "Kiwi poetry"
# is New Zealand poetry. A demonym that is also a language's name ("Dutch", "French") means
# the language unless a place head follows ("Dutch imprints" are printed in the Netherlands).
DEMONYMS = {
    "kiwi": "new zealand", "parisian": "paris", "venetian": "venice", "florentine": "florence",
    "lyonnais": "lyon", "genevan": "geneva", "oxonian": "oxford", "cantabrigian": "cambridge",
    "londoner": "london", "swiss": "switzerland", "dutch": "netherlands", "french": "france",
    "german": "germany", "english": "england", "italian": "italy", "spanish": "spain",
    "scottish": "scotland", "scots": "scotland", "irish": "ireland", "welsh": "wales",
    "american": "united states", "belgian": "belgium", "flemish": "belgium",
    "portuguese": "portugal", "australian": "australia", "british": "united kingdom",
}  # fmt: skip

# Kinds of material readers name, as the genre terms the index gives them (from the leader).
FORMAT_WORDS: dict[Phrase, tuple[str, ...]] = {
    phrase: terms
    for texts, terms in [
        (("sound recordings", "recordings", "cds", "cd", "records", "lps", "lp", "vinyl",
          "audio", "albums"), ("spoken sound recordings", "music sound recordings")),
        (("periodicals", "magazines", "journals", "serials", "newspapers", "magazine",
          "journal", "periodical", "magazines and journals"), ("serials",)),
        (("sheet music", "scores", "printed music", "score"), ("printed music",)),
        (("videos", "video", "films", "film", "dvds", "dvd", "movies"), ("films and videos",)),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Forms and genres readers name, as the subject or genre terms a record may carry.
GENRE_WORDS: dict[Phrase, tuple[str, ...]] = {
    phrase: terms
    for texts, terms in [
        (("maps", "map"), ("maps", "atlases")),
        (("atlases", "atlas"), ("atlases",)),
        (("novels", "novel"), ("novels", "fiction")),
        (("fiction",), ("fiction", "novels")),
        (("poetry", "poems", "verse"), ("poetry",)),
        (("plays", "drama", "dramas"), ("drama",)),
        (("short stories",), ("short stories",)),
        (("sermons", "sermon", "homilies"), ("sermons",)),
        (("bibles", "bible"), ("bibles", "bible")),
        (("almanacs", "almanac", "almanacks"), ("almanacs",)),
        (("emblem books", "emblems", "emblem book"), ("emblem books", "emblems")),
        (("herbals", "herbal"), ("herbals",)),
        (("dictionaries", "dictionary", "lexicons"), ("dictionaries",)),
        (("whodunits", "whodunnits", "detective stories", "mysteries", "crime novels"),
         ("detective and mystery", "thrillers")),
        (("romance novels", "romances", "love stories"), ("romance fiction",)),
        (("prayer books", "prayerbooks", "prayer book", "liturgies", "liturgical books"),
         ("prayer books", "liturgy")),
        (("siddurim", "mahzorim", "siddur", "mahzor", "jewish prayer books"),
         ("judaism liturgy", "sephardim liturgy", "siddurim", "mahzorim")),
        # Whom a book is for: what a book's 008/22 codes, and headings say ("-- Juvenile
        # fiction", "Children's stories").
        (("childrens", "kids", "juvenile", "childrens literature", "juvenile literature"),
         ("juvenile literature", "juvenile fiction", "juvenile poetry", "childrens stories",
          "childrens poetry", "childrens literature", "picture books")),
        (("young adult", "young adults", "young adult fiction", "teen", "teenage", "teenagers"),
         ("young adult literature", "young adult fiction")),
        (("illustrated", "with illustrations"),
         ("woodcuts", "engravings", "illustrated books")),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Lead-in terms of common subject headings that no authority file in an index may carry.
SUBJECT_LEAD_INS: dict[Phrase, str] = {
    phrase: heading
    for texts, heading in [
        (("world war ii", "world war 2", "second world war", "ww2", "wwii", "world war two"),
         "World War, 1939-1945"),
        (("world war i", "world war 1", "first world war", "great war", "ww1", "wwi",
          "world war one"), "World War, 1914-1918"),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip

# Decades said in words ("the sixties").
DECADE_WORDS = {
    "tens": 10, "teens": 10, "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50,
    "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip

# The field a reader's role word names ("illustrated by" asks for the illustrator).
ROLE_FIELDS = {"illustrator": FilterField.AGENT}

# ---------------------------------------------------------------- the answer asked for

# "How many ...": the number of matches.
COUNT_PHRASES = _phrases(
    "how many", "how much", "number of", "the number of", "total number of", "count", "count of",
    "how many of them", "how many are there", "how many of those",
)  # fmt: skip
# What a ranking groups by, as readers name it ("which towns", "top 5 printers").
FACET_WORDS: dict[Phrase, Facet] = {
    phrase: facet
    for texts, facet in [
        (("printers", "printer", "publishers", "publisher", "presses", "press",
          "printing houses", "printing shops", "firms"), Facet.PRINTER),
        (("towns", "town", "cities", "city", "places", "place", "places of printing",
          "place of printing", "printing towns", "locations", "countries", "places of publication",
          "place of publication", "publication places", "publishing places"), Facet.PLACE),
        (("languages", "language", "tongues"), Facet.LANGUAGE),
        (("centuries", "century"), Facet.CENTURY),
        (("decades", "decade"), Facet.DECADE),
        (("subjects", "subject", "topics", "topic", "themes", "subject headings"), Facet.SUBJECT),
        (("authors", "author", "writers", "writer"), Facet.AUTHOR),
        (("genres", "genre", "forms", "kinds of book", "kinds of books", "types of book",
          "types of books", "kinds of", "types of", "sorts of", "kinds", "types"), Facet.GENRE),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Words before a facet that ask for a ranking of it ("which towns", "most common subjects").
RANKING_LEADS = _phrases(
    "which", "what", "in which", "from which", "by which", "top", "the top", "most common",
    "the most common", "commonest", "the commonest", "most frequent", "the most frequent",
    "main", "the main", "leading", "the leading", "busiest", "the busiest", "most prolific",
    "the most prolific", "biggest", "the biggest", "largest", "the largest", "most popular",
    "the most popular", "most represented", "the most represented", "best represented",
    "the best represented", "by", "per", "broken down by", "grouped by", "for each", "each",
)  # fmt: skip
# Whole phrases that ask for a ranking ("who printed the most in Strasbourg").
RANKING_PHRASES: dict[Phrase, Facet] = {
    phrase: facet
    for texts, facet in [
        (("who printed the most", "who printed most", "who published the most",
          "who published most", "who printed", "who published", "who were the printers",
          "who was the printer"), Facet.PRINTER),
        (("who wrote the most", "who wrote most", "who wrote"), Facet.AUTHOR),
        (("where were", "where was", "where did", "where are"), Facet.PLACE),
        (("when were", "when was"), Facet.CENTURY),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# The first or last in date order ("the five oldest Bibles"): (key, descending).
EXTREMES: dict[Phrase, tuple[SortKey, bool]] = {
    phrase: order
    for texts, order in [
        (("oldest", "earliest", "first printed", "earliest printed"), (SortKey.DATE, False)),
        (("newest", "latest", "most recent", "youngest", "last printed"), (SortKey.DATE, True)),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
# Words that ask for an order ("sort by title", "alphabetically", "newest first").
SORT_LEADS = _phrases(
    "sort by", "sorted by", "sort them by", "order by", "ordered by", "order them by",
    "in order of", "arranged by", "arrange by", "arrange them by", "list them by", "sort on",
)  # fmt: skip
SORT_KEYS: dict[Phrase, SortKey] = {
    phrase: key
    for texts, key in [
        (("date", "dates", "year", "years", "age", "publication date", "date of publication"),
         SortKey.DATE),
        (("title", "titles", "name", "names"), SortKey.TITLE),
        (("author", "authors", "author name", "author's name"), SortKey.AUTHOR),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
ORDERS: dict[Phrase, tuple[SortKey, bool]] = {
    phrase: order
    for texts, order in [
        (("alphabetically by author", "by author alphabetically", "alphabetically by name",
          "in alphabetical order of author"), (SortKey.AUTHOR, False)),
        (("alphabetically by title", "by title alphabetically", "in alphabetical order of title"),
         (SortKey.TITLE, False)),
        (("alphabetically", "in alphabetical order", "alphabetical", "a to z", "a-z", "az"),
         (SortKey.TITLE, False)),
        (("z to a", "z-a", "reverse alphabetical order", "in reverse alphabetical order",
          "reverse alphabetically"), (SortKey.TITLE, True)),
        (("chronologically", "in chronological order", "oldest first", "earliest first",
          "in date order", "by date"), (SortKey.DATE, False)),
        (("newest first", "latest first", "most recent first", "in reverse chronological order",
          "reverse chronological order", "recent", "recently published", "recently printed"),
         (SortKey.DATE, True)),
    ]
    for phrase in _phrases(*texts)
}  # fmt: skip
DESCENDING_WORDS = _phrases("descending", "in descending order", "reversed", "in reverse")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "dozen": 12, "a dozen": 12, "fifty": 50, "hundred": 100, "a hundred": 100,
}  # fmt: skip
# Heads after "the oldest" that ask for one book ("the oldest book"), not a list.
SINGLE_HEADS = frozenset({"book", "edition", "item", "title", "one", "copy", "record", "work"})
PLURAL_HEADS = frozenset(
    {"books", "editions", "items", "titles", "ones", "copies", "records", "works"}
)

# ---------------------------------------------------------------- Hebrew

# A Hebrew word may carry the prefix letters of "and", "the", "in", "to", "from", "that",
# "as" ("ובוונציה": and in Venice); those that mean something to a search, as English words.
HEBREW_PREFIXES = {"ו": "and", "ה": "", "ב": "in", "ל": "", "מ": "from", "ש": "", "כ": ""}
# A prefix letter typed apart, before a hyphen ("ה-Zohar", "בין 1500 ל-1600").
HEBREW_LONE_PREFIXES = {"ו": "and", "ה": "", "ב": "in", "ל": "and", "מ": "from", "ש": "", "כ": ""}
MAX_PREFIX_LETTERS = 3


def _hebrew(pairs: list[tuple[tuple[str, ...], str]]) -> dict[Phrase, tuple[str, ...]]:
    """Hebrew phrases (folded as ``tokens`` folds them) -> the English words they mean."""
    return {
        tuple(fold(text).split()): tuple(english.split())
        for texts, english in pairs
        for text in texts
    }


# What Hebrew words and phrases mean, as the English words the grammar reads (none for words
# that name no condition: "ספרים", "יש לכם"). The longest phrase at a position wins.
HEBREW_WORDS = _hebrew([
    # frames and heads
    (("יש לכם", "יש לך", "יש אצלכם", "מה יש לכם", "מה יש", "יש", "האם יש", "האם"), "have you got"),
    (("אני מחפש", "אני מחפשת", "מחפש", "מחפשת", "חיפוש"), "looking for"),
    (("תראה לי", "תראי לי", "הראה לי", "הראי לי", "תן לי", "תני לי", "תציג לי", "הצג"),
     "show me"),
    (("ספרים", "ספר", "ספרי", "הספרים", "כותרים", "כותר", "מהדורות", "מהדורה", "עותקים",
      "פרסומים", "חיבורים", "כתבים", "דברים", "משהו", "כל", "לכם", "את", "בבקשה", "אותם",
      "פה", "אצלכם", "קיימים", "קיים", "של", "האחים", "אחים", "הרב", "רבי", "רבנו", "ר׳",
      "מורנו", "הגאון", "הרבי"), ""),
    (("מה עם", "מה לגבי", "מה בקשר ל", "מה בנוגע ל"), "what about"),
    (("מה",), "what"),
    # cues
    (("שנדפסו", "שנדפס", "נדפסו", "נדפס", "הודפסו", "שהודפסו", "שהודפס", "הודפס",
      "שיצאו לאור", "יצאו לאור", "שיצא לאור", "ראו אור", "שראו אור"), "printed"),
    (("שהדפיס", "שהדפיסו", "בהוצאת", "הוצאת", "שהוציא לאור", "שהוציאו לאור"), "printed by"),
    (("הדפיס", "הדפיסו", "הוציאו לאור", "הוציא לאור"), "printed"),
    (("בשם", "ששמו", "ששמם", "שכותרו", "בכותר", "הכותר", "שכותרתו"), "titled"),
    (("דפוס", "דפוסי"), "from"),
    (("מאת", "שכתב", "שחיבר", "חיבורי", "כתבי", "מאת המחבר"), "by"),
    (("על", "בנושא", "אודות", "בעניין", "העוסקים ב", "שעוסקים ב", "על נושא", "בנושאי"),
     "about"),
    (("בשפה", "בשפת", "בלשון"), "in"),
    (("לפני", "קודם", "מלפני"), "before"),
    (("אחרי", "לאחר", "אחר", "מאז", "אחרי שנת", "לאחר שנת"), "after"),
    (("עד", "עד שנת"), "up to"),
    (("בין",), "between"),
    (("לא", "ללא", "בלי", "חוץ מ", "פרט ל", "שאינם", "שלא"), "not"),
    (("רק", "אך ורק"), "only"),
    (("או",), "or"),
    (("גם",), "also"),
    (("אלה", "אלו", "מהם", "מתוכם", "מהן", "מתוכן"), "those"),
    # the answer asked for
    (("כמה",), "how many"),
    (("מספר",), "number of"),
    (("אילו", "איזה", "איזו", "באילו", "מאילו", "באיזה", "באיזו", "מאיזה", "מאיזו", "מה הן",
      "מהן"), "which"),
    (("ערים", "עיר", "מקומות", "מקום", "ערי דפוס", "מקומות דפוס", "מקום הדפוס"), "towns"),
    (("שפות", "לשונות"), "languages"),
    (("מדפיסים", "מדפיס", "בתי דפוס", "בית דפוס", "מוציאים לאור", "מולים"), "printers"),
    (("מחברים", "סופרים", "כותבים"), "authors"),
    (("מאות",), "centuries"),
    (("עשורים",), "decades"),
    (("נושאים",), "subjects"),
    (("סוגים", "סוגי"), "kinds of"),
    (("מי הדפיס הכי הרבה", "מי הדפיס הכי הרבה ספרים", "מי הדפיס הכי הרבה בספרים"),
     "who printed the most"),
    (("מי כתב הכי הרבה",), "who wrote the most"),
    (("הכי הרבה",), "most"),
    (("הכי ישן", "הכי ישנים", "הישן ביותר", "הישנים ביותר", "העתיק ביותר", "העתיקים ביותר",
      "הקדום ביותר", "הקדומים ביותר", "המוקדם ביותר", "המוקדמים ביותר", "הכי עתיק",
      "הכי עתיקים"), "oldest"),
    (("הכי חדש", "הכי חדשים", "החדש ביותר", "החדשים ביותר", "המאוחר ביותר",
      "המאוחרים ביותר"), "newest"),
    (("לפי כותרת", "לפי שם", "לפי כותרים"), "sort by title"),
    (("לפי תאריך", "לפי שנה", "לפי שנים", "לפי שנת הדפוס"), "sort by date"),
    (("לפי מחבר", "לפי מחברים"), "sort by author"),
    (("לפי סדר האלף בית", "לפי אלף בית", "לפי סדר אלפביתי", "בסדר אלפביתי", "לפי אב"),
     "alphabetically"),
    # terms of art and subjects, as the catalogue's (English) headings name them
    (("אינקונבולים", "אינקונבולה", "ערש הדפוס", "דפוסי ערש"), "incunabula"),
    (("תלמוד", "תלמוד בבלי", "התלמוד", "התלמוד הבבלי", "שס", "הש\"ס", "גמרא"), "talmud"),
    (("קבלה", "קבאלה", "הקבלה", "ספרי קבלה"), "cabala"),
    (("הגדה", "הגדות", "הגדה של פסח", "הגדות של פסח", "הגדות פסח", "הגדה לפסח"), "haggadah"),
    (("סידור", "סידורים", "מחזור", "מחזורים", "סידורים ומחזורים", "סידורי תפילה", "תפילות",
      "ספרי תפילה", "תפילה"), "siddurim"),
    (("שות", "שאלות ותשובות", "תשובות"), "responsa"),
    (("מוסר", "ספרי מוסר"), "jewish ethics"),
    (("חסידות", "ספרי חסידות"), "hasidism"),
    (("הלכה", "ספרי הלכה", "פסקים", "פסקי הלכה"), "jewish law"),
    (("דקדוק", "דקדוק עברי"), "hebrew language grammar"),
    (("מילון", "מילונים"), "dictionaries"),
    (("פילוסופיה",), "philosophy"),
    (("שירה", "שירים"), "poetry"),
    (("רפואה",), "medicine"),
    (("אסטרונומיה",), "astronomy"),
    (("היסטוריה",), "history"),
    (("תנך", "מקרא", "ביבליה", "תנ\"ך"), "bibles"),
    (("חומש", "חומשים", "חמשה חומשי תורה"), "pentateuch"),
    (("פירוש", "פירושים", "פרשנות"), "commentaries"),
    (("עם איורים", "מאוירים", "מאוירות", "מאויר", "איורים"), "illustrated"),
    # works readers ask for by name
    (("משנה תורה",), "mishneh torah"),
    (("שולחן ערוך", "שלחן ערוך"), "shulhan arukh"),
    (("זוהר", "הזוהר", "ספר הזוהר", "זהר"), "zohar"),
    (("ארבעה טורים", "הטורים", "ארבעה הטורים"), "arbaah turim"),
    (("עין יעקב",), "ein yaakov"),
    # rabbis readers name by their acronyms
    (("רמבם", "הרמבם"), "maimonides"),
    (("רשי",), "rashi"),
    (("רלבג", "הרלבג"), "levi ben gershom"),
    (("חידא", "החידא"), "azulai"),
    (("רמבן", "הרמבן"), "nahmanides"),
    (("רדק", "הרדק"), "kimhi david"),
    (("ריף", "הריף"), "alfasi"),
    (("מהרל", "המהרל"), "judah loew"),
])  # fmt: skip
# "Which Hebrew words a century is written with": "במאה ה-16", "מהמאה ה16", "המאה ה-18".
HEBREW_CENTURY = frozenset(fold(w) for w in ("מאה", "במאה", "מהמאה", "המאה"))
HEBREW_YEAR_HEADS = frozenset(fold(w) for w in ("שנת", "בשנת", "משנת", "לשנת"))
