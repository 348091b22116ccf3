"""Readers' questions to the demo catalogue of early printed books (data/samples/rare_books.xml).

Each expectation is what a librarian would list, read from the MARC by the oracle. A town is
every form its imprints really use (Latin, vernacular, a false imprint corrected); "books"
is any record; "books by" a printer also counts its imprint statements. Cases about Zurich
and Strasbourg answer nothing until the catalogue holds books printed there. A count, a
ranking or an ordering is of the records its predicate holds ("the five oldest Bibles":
the books catalogued with the genre term "Bibles", oldest first).
"""

from __future__ import annotations

import re

from bench.understanding.case import (
    Case,
    Count,
    Dialog,
    Ordering,
    Ranking,
    Turn,
    about,
    by,
    nothing,
    printed_in,
)
from bench.understanding.dates import century, circa, decade, early, late, mid
from bench.understanding.oracle import Book, fold

VENICE = printed_in("venice", "venetiis", "venetia", "venezia", "vinegia")
BASEL = printed_in("basel", "basileae", "basell", "basle", "bale")
MAINZ = printed_in("mainz", "moguntiae", "maguntiae", "moguntia")
ROME = printed_in("rome", "romae", "roma")
FLORENCE = printed_in("florence", "florentiae", "firenze", "fiorenza")
PARIS = printed_in("paris", "parisiis", "lutetiae", "lutetia", "parigi")
ANTWERP = printed_in("antwerp", "antverpiae", "antwerpen", "anversa", "anvers")
AMSTERDAM = printed_in("amsterdam", "amstelodami", "amstelaedami")
LONDON = printed_in("london", "londini", "londres")
OXFORD = printed_in("oxford", "oxoniae", "oxonii", "oxonie")
NUREMBERG = printed_in("nuremberg", "norimbergae", "nurnberg")
COLOGNE = printed_in("cologne", "coloniae", "koln")
GENEVA = printed_in("geneva", "genevae", "geneve")
WITTENBERG = printed_in("wittenberg", "wittemberg", "vitebergae")
CONSTANTINOPLE = printed_in("constantinople", "kostantiniyye", "istanbul", "constantinopoli")
EDINBURGH = printed_in("edinburgh", "edinburgi")
ZURICH = printed_in("zurich", "tiguri", "turici")
STRASBOURG = printed_in(
    "strasbourg", "strassburg", "strasburg", "argentorati", "argentinae", "argentine"
)
MADRID = printed_in("madrid")


def leiden(b: Book) -> bool:
    # "Lugduni" alone is Lyon unless the 008 says the book was printed in the Netherlands.
    return b.place_any("leiden", "leyden", "leida", "leyde", "leidae", "lugduni batavorum") or (
        b.place_any("lugduni") and b.country_in("ne")
    )


def lyon(b: Book) -> bool:
    return b.place_any("lyon", "lyons") or (b.place_any("lugduni") and b.country_in("fr"))


def cambridge(b: Book) -> bool:
    return b.place_any("cambridge", "cantabrigiae") and b.country_in("enk")


def dutch_imprint(b: Book) -> bool:
    return b.country_in("ne") or AMSTERDAM(b) or leiden(b) or b.place_any("delf", "delft")


def latin(b: Book) -> bool:
    return b.language_in("lat")


def greek(b: Book) -> bool:
    return b.language_in("grc", "gre")


def hebrew(b: Book) -> bool:
    return b.language_in("heb")


def incunabulum(b: Book) -> bool:
    """Printed before 1501."""
    return b.within(None, 1500)


ALDINE = by("manuzio", "manutius", "aldine press", imprint=("aldi", "aldum", "aldo", "aldus"))
ELZEVIR = by("elzevir", imprint=("elzevir*", "elsevir*", "elzevier*"))
PLANTIN = by("plantin", "officina plantiniana", imprint=("plantin*", "plantijn"))
# A note calling the book the first edition, of any kind: "first printed edition", "First
# German edition", "the first collected edition".
FIRST_EDITION = re.compile(r"\bfirst(?: \w+){0,2} editions?\b")
ESTIENNE = by("estienne", imprint=("stephan*", "estienne"))
FROSCHAUER = by("froschauer", "froschouer", imprint=("frosch*",))
GRYPHIUS = by("gryphius", "gryphe", imprint=("gryph*",))
FROBEN = by("froben", imprint=("froben*",))
ASTRONOMY = about("astronom*")
BOTANY = about("botan*", "herbal*")
MAPS = about("maps", "atlases")
ANATOMY = about("anatom*")


def bible(b: Book) -> bool:
    """A Bible or part of one: the genre term its cataloguer gave (655 "Bibles")."""
    return b.genre_any("bibles")


def english(b: Book) -> bool:
    return b.language_in("eng")


def in_format(abbreviation: str):  # noqa: ANN201 - an expectation
    """The book's format, as its physical description (300 $c) abbreviates it: "fol.", "4to"."""
    word = re.compile(rf"\b{re.escape(abbreviation.rstrip('.'))}\b", re.IGNORECASE)
    return lambda b: any(
        word.search(c) for f in b.record.get_fields("300") for c in f.get_subfields("c")
    )


CASES = (
    # canonical: the plain way
    Case("books printed in Venice", "canonical", VENICE),
    Case("Latin books before 1550", "canonical", lambda b: latin(b) and b.within(None, 1549)),
    Case("books printed in Basel", "canonical", BASEL),
    Case("Hebrew books printed in Amsterdam", "canonical", lambda b: hebrew(b) and AMSTERDAM(b)),
    Case("books in Greek", "canonical", greek),
    Case(
        "books printed in London before 1600",
        "canonical",
        lambda b: LONDON(b) and b.within(None, 1599),
    ),
    Case("books by Erasmus", "canonical", by("erasmus")),
    Case("books about astronomy", "canonical", ASTRONOMY),
    Case(
        "books printed in Paris in the 16th century",
        "canonical",
        lambda b: PARIS(b) and b.within(*century(16)),
    ),
    Case(
        "French books printed in Amsterdam",
        "canonical",
        lambda b: b.language_in("fre") and AMSTERDAM(b),
    ),
    Case("books printed in Oxford", "canonical", OXFORD),
    Case(
        "Italian books printed in Florence",
        "canonical",
        lambda b: b.language_in("ita") and FLORENCE(b),
    ),
    Case("books printed in Leiden", "canonical", leiden),
    Case(
        "German books printed before 1500",
        "canonical",
        lambda b: b.language_in("ger") and b.within(None, 1499),
    ),
    Case("books printed in Strasbourg", "canonical", STRASBOURG),
    Case(
        "books illustrated by Dürer",
        "canonical",
        lambda b: b.name_any("durer", roles=("illustrator", "ill")),
    ),
    Case("books with opera in the title", "canonical", lambda b: b.title_words("opera")),
    # paraphrase: other wordings of the same
    Case("anything that came off the presses in Basel", "paraphrase", BASEL),
    Case(
        "stuff published at Leiden in the 1600s",
        "paraphrase",
        lambda b: leiden(b) and b.within(*century(17)),
    ),
    Case("what was printed in venice in latin", "paraphrase", lambda b: VENICE(b) and latin(b)),
    Case("show me whatever you have from Mainz", "paraphrase", MAINZ),
    Case(
        "items with a London imprint from before 1600",
        "paraphrase",
        lambda b: LONDON(b) and b.within(None, 1599),
    ),
    Case("works written in hebrew", "paraphrase", hebrew),
    Case("titles that were produced in Rome", "paraphrase", ROME),
    Case("anything that came out of geneva", "paraphrase", GENEVA),
    Case("everything that came from the Aldine press", "paraphrase", ALDINE),
    Case("stuff dealing with anatomy", "paraphrase", about("anatom*")),
    Case(
        "publications from Cambridge in English",
        "paraphrase",
        lambda b: cambridge(b) and b.language_in("eng"),
    ),
    Case(
        "things printed in Paris that aren't in Latin",
        "paraphrase",
        lambda b: PARIS(b) and not latin(b),
    ),
    Case("the spanish language holdings", "paraphrase", lambda b: b.language_in("spa")),
    Case(
        "anything printed in germany before 1500",
        "paraphrase",
        lambda b: b.country_in("gw") and b.within(None, 1499),
    ),
    Case(
        "material in dutch that was printed at leiden",
        "paraphrase",
        lambda b: b.language_in("dut") and leiden(b),
    ),
    Case("anything from Venice or Rome?", "paraphrase", lambda b: VENICE(b) or ROME(b)),
    Case(
        "Newton's Principia",
        "paraphrase",
        lambda b: by("newton isaac")(b) and b.title_words("principia"),
    ),
    Case(
        "Euclid's Elements in English",
        "paraphrase",
        lambda b: by("euclid")(b) and b.title_words("elements") and english(b),
    ),
    Case(
        "latin or greek books printed in basel",
        "paraphrase",
        lambda b: (latin(b) or greek(b)) and BASEL(b),
    ),
    # typo: misspellings readers make
    Case("books printed in Venise", "typo", VENICE),
    Case("books printed in Bazel", "typo", BASEL),
    Case("books from Amsterdm", "typo", AMSTERDAM),
    Case("printed in Edinbrugh", "typo", EDINBURGH),
    Case("books in Lattin", "typo", latin),
    Case("books about astronmy", "typo", ASTRONOMY),
    Case("books by Erasums", "typo", by("erasmus")),
    Case("works by Shakspeare", "typo", by("shakespeare")),
    Case("books printed in Antwerpp", "typo", ANTWERP),
    Case("books by Gallileo", "typo", by("galilei")),
    Case("books printed in Florance", "typo", FLORENCE),
    Case("Copernicous", "typo", by("copernicus")),
    Case("hebrew books from amsterdamm", "typo", lambda b: hebrew(b) and AMSTERDAM(b)),
    Case("books printed by Froschaur", "typo", FROSCHAUER),
    Case("books printed in Wittenburg", "typo", WITTENBERG),
    Case("Nuremburg imprints", "typo", NUREMBERG),
    # bare_name: a name alone or nearly
    Case("Vesalius", "bare_name", by("vesalius")),
    Case("Froschauer", "bare_name", FROSCHAUER),
    Case("Aldus?", "bare_name", ALDINE),
    Case("Kepler", "bare_name", by("kepler")),
    Case("elzevir", "bare_name", ELZEVIR),
    Case("Plantin", "bare_name", PLANTIN),
    Case("caxton", "bare_name", by("caxton")),
    Case("Galileo", "bare_name", by("galilei")),
    Case("Copernicus", "bare_name", by("copernicus")),
    Case("Descartes", "bare_name", by("descartes")),
    Case("spinoza", "bare_name", by("spinoza")),
    Case("Estienne", "bare_name", ESTIENNE),
    Case("Gutenberg", "bare_name", by("gutenberg")),
    Case("newton", "bare_name", by("newton")),
    Case("Menasseh ben Israel", "bare_name", by("menasseh ben israel")),
    Case("Bomberg", "bare_name", by("bomberg")),
    Case("Froben", "bare_name", FROBEN),
    # bare_topic: a topic alone
    Case("emblem books", "bare_topic", about("emblem*")),
    Case("sermons", "bare_topic", about("sermon*")),
    Case("astronomy", "bare_topic", ASTRONOMY),
    Case("botany", "bare_topic", BOTANY),
    Case("volcanoes", "bare_topic", about("volcano*")),
    Case("alchemy", "bare_topic", about("alchemy")),
    Case("talmud", "bare_topic", about("talmud")),
    Case("anatomy", "bare_topic", about("anatom*")),
    Case("geometry", "bare_topic", about("geometry")),
    Case("dictionaries", "bare_topic", about("dictionaries")),
    Case("herbals", "bare_topic", about("herbals")),
    Case("cooking", "bare_topic", about("cooking", "cookery", "pastry")),
    Case("magic", "bare_topic", about("magic")),
    Case("law", "bare_topic", about("law")),
    Case("utopias", "bare_topic", about("utopias")),
    # synonym: synonyms and terms of art
    Case("incunabula", "synonym", incunabulum),
    Case("incunables", "synonym", incunabulum),
    Case("cradle books", "synonym", incunabulum),
    Case("post-incunabula", "synonym", lambda b: b.within(1501, 1520)),
    Case("Parisian imprints", "synonym", PARIS),
    Case("Dutch imprints", "synonym", dutch_imprint),
    Case("Florentine books", "synonym", FLORENCE),
    Case("venetian printing", "synonym", VENICE),
    Case("maps", "synonym", MAPS),
    Case("atlases", "synonym", about("atlases")),
    Case("hebraica", "synonym", hebrew),
    Case("aldines", "synonym", ALDINE),
    Case("Elzevirs", "synonym", ELZEVIR),
    Case("Swiss imprints", "synonym", lambda b: b.country_in("sz")),
    Case(
        "Elizabethan books",
        "synonym",
        lambda b: b.country_in("enk") and b.within(1558, 1603),
    ),
    Case("Low Countries imprints", "synonym", lambda b: b.country_in("ne", "be")),
    Case(
        "first editions", "synonym", lambda b: any(FIRST_EDITION.search(fold(n)) for n in b.notes)
    ),
    Case("Aldine octavos", "synonym", lambda b: ALDINE(b) and in_format("8vo")(b)),
    Case("folios printed in Venice", "synonym", lambda b: VENICE(b) and in_format("fol.")(b)),
    Case("any quartos from London?", "synonym", lambda b: LONDON(b) and in_format("4to")(b)),
    # question_frame: real question frames around a request
    Case("have you got anything by Kepler?", "question_frame", by("kepler")),
    Case("is there anything printed in Oxford?", "question_frame", OXFORD),
    Case("I'm looking for books about botany", "question_frame", BOTANY),
    Case(
        "do you hold any Hebrew books from Venice",
        "question_frame",
        lambda b: hebrew(b) and VENICE(b),
    ),
    Case("can you show me books printed in Antwerp?", "question_frame", ANTWERP),
    Case("what do you have in Spanish?", "question_frame", lambda b: b.language_in("spa")),
    Case(
        "are there any books by Galileo in Italian?",
        "question_frame",
        lambda b: by("galilei")(b) and b.language_in("ita"),
    ),
    Case(
        "could you find me latin books printed in basel before 1550",
        "question_frame",
        lambda b: latin(b) and BASEL(b) and b.within(None, 1549),
    ),
    Case("I need something on geometry", "question_frame", about("geometry")),
    Case("do you have the works of Shakespeare?", "question_frame", by("shakespeare")),
    Case("which books were printed in Constantinople?", "question_frame", CONSTANTINOPLE),
    Case("any books from Lyon?", "question_frame", lyon),
    Case("what have you got from Wittenberg?", "question_frame", WITTENBERG),
    Case("do you have anything printed in Zurich?", "question_frame", ZURICH),
    Case("is there a copy of anything printed in Madrid?", "question_frame", MADRID),
    # name_variant: a person or press under another form
    Case("Aldus Manutius", "name_variant", ALDINE),
    Case("books printed by Aldo Manuzio", "name_variant", ALDINE),
    Case("apud Seb. Gryphium", "name_variant", GRYPHIUS),
    Case("Stephanus", "name_variant", ESTIENNE),
    Case("Plantijn", "name_variant", PLANTIN),
    Case("Linnaeus", "name_variant", by("linne", "linnaeus")),
    Case("Cartesius", "name_variant", by("descartes")),
    Case("Rambam", "name_variant", by("maimonides")),
    Case("books by Moses ben Maimon", "name_variant", by("maimonides")),
    Case("Tycho", "name_variant", by("brahe")),
    Case("Vergil", "name_variant", by("virgil")),
    Case("works of Titus Livius", "name_variant", by("livy")),
    Case("Ptolemaeus", "name_variant", by("ptolemy")),
    Case("Ibn Sina", "name_variant", by("avicenna")),
    Case("Elsevier", "name_variant", ELZEVIR),
    Case("Erasmus of Rotterdam", "name_variant", by("erasmus")),
    Case("Christoph Froschover", "name_variant", FROSCHAUER),
    # date_shorthand: how readers write dates
    Case("pre-1600 books", "date_shorthand", lambda b: b.within(None, 1599)),
    Case("post-1700", "date_shorthand", lambda b: b.within(1701, None)),
    Case("books from c. 1550", "date_shorthand", lambda b: b.within(*circa(1550))),
    Case("mid-16th century books", "date_shorthand", lambda b: b.within(*mid(16))),
    Case("early 17th century", "date_shorthand", lambda b: b.within(*early(17))),
    Case("books from the 1500s", "date_shorthand", lambda b: b.within(*century(16))),
    Case("16th c. latin books", "date_shorthand", lambda b: latin(b) and b.within(*century(16))),
    Case("1540s", "date_shorthand", lambda b: b.within(*decade(1540))),
    Case("printed before 1501", "date_shorthand", lambda b: b.within(None, 1500)),
    Case("Venice 1490s", "date_shorthand", lambda b: VENICE(b) and b.within(*decade(1490))),
    Case("late 15th century books", "date_shorthand", lambda b: b.within(*late(15))),
    Case(
        "17th-century books printed in Amsterdam",
        "date_shorthand",
        lambda b: AMSTERDAM(b) and b.within(*century(17)),
    ),
    Case("books from 1600-1650", "date_shorthand", lambda b: b.within(1600, 1650)),
    Case("the 1470s", "date_shorthand", lambda b: b.within(*decade(1470))),
    Case("Cologne 1470s", "date_shorthand", lambda b: COLOGNE(b) and b.within(*decade(1470))),
    Case("18th cent. books", "date_shorthand", lambda b: b.within(*century(18))),
    Case("ca 1500", "date_shorthand", lambda b: b.within(*circa(1500))),
    # count: how many
    Case("how many books do you have in Hebrew?", "count", Count(hebrew)),
    Case(
        "how many Latin books before 1550?",
        "count",
        Count(lambda b: latin(b) and b.within(None, 1549)),
    ),
    Case("number of books printed in Venice", "count", Count(VENICE)),
    Case("how many incunabula are there", "count", Count(incunabulum)),
    Case("count the books by Erasmus", "count", Count(by("erasmus"))),
    Case("how many Aldines do you have?", "count", Count(ALDINE)),
    Case("how many books from the 1540s?", "count", Count(lambda b: b.within(*decade(1540)))),
    Case("how many astronomy books are there?", "count", Count(ASTRONOMY)),
    # ranking: which values, and how many of each
    Case("which towns printed Hebrew books?", "ranking", Ranking("place", hebrew)),
    Case("who printed the most in Venice?", "ranking", Ranking("printer", VENICE)),
    Case("top 5 printers", "ranking", Ranking("printer", top=5)),
    Case(
        "what languages are the astronomy books in?",
        "ranking",
        Ranking("language", ASTRONOMY),
    ),
    Case("which centuries are the Latin books from?", "ranking", Ranking("century", latin)),
    Case("who printed most in Strasbourg", "ranking", Ranking("printer", STRASBOURG)),
    Case(
        "most common subjects of the astronomy books",
        "ranking",
        Ranking("subject", ASTRONOMY),
    ),
    Case("which authors do you have the most books by?", "ranking", Ranking("author")),
    Case(
        "what genres are the 17th-century books?",
        "ranking",
        Ranking("genre", lambda b: b.within(*century(17))),
    ),
    Case("in which decades did the Plantin press print?", "ranking", Ranking("decade", PLANTIN)),
    Case("where were the incunabula printed?", "ranking", Ranking("place", incunabulum)),
    # ordering: records in an order
    Case("the five oldest Bibles", "ordering", Ordering("date", bible, first=5)),
    Case(
        "the latest book about anatomy",
        "ordering",
        Ordering("date", ANATOMY, descending=True, first=1),
    ),
    Case("oldest book about astronomy", "ordering", Ordering("date", ASTRONOMY, first=1)),
    Case(
        "what is the earliest book printed in Venice?",
        "ordering",
        Ordering("date", VENICE, first=1),
    ),
    Case("Galileo's books in alphabetical order", "ordering", Ordering("title", by("galilei"))),
    Case(
        "the ten most recent Latin books",
        "ordering",
        Ordering("date", latin, descending=True, first=10),
    ),
    Case("the three earliest books in English", "ordering", Ordering("date", english, first=3)),
    Case("what is the oldest book in the collection?", "ordering", Ordering("date", first=1)),
    Case(
        "books printed in Basel, newest first",
        "ordering",
        Ordering("date", BASEL, descending=True),
    ),
    Case("Hebrew books sorted by author", "ordering", Ordering("author", hebrew)),
    Case(
        "what's the newest Hebrew book?",
        "ordering",
        Ordering("date", hebrew, descending=True, first=1),
    ),
    Case(
        "what's the earliest Latin book printed in Venice?",
        "ordering",
        Ordering("date", lambda b: latin(b) and VENICE(b), first=1),
    ),
    Case("who's the most prolific printer in Venice?", "ranking", Ranking("printer", VENICE)),
    Case("most popular subjects among the Latin books", "ranking", Ranking("subject", latin)),
    Case("which are the best represented languages?", "ranking", Ranking("language")),
)

DIALOGS = (
    Dialog(
        "dialog",
        (
            Turn("books printed in Venice", VENICE),
            Turn("only those in Latin", lambda b: VENICE(b) and latin(b)),
            Turn("what about Basel?", lambda b: BASEL(b) and latin(b)),
            Turn("before 1550", lambda b: BASEL(b) and latin(b) and b.within(None, 1549)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books by Galileo", by("galilei")),
            Turn("only the ones in latin", lambda b: by("galilei")(b) and latin(b)),
            Turn("what about Kepler?", lambda b: by("kepler")(b) and latin(b)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("hebrew books", hebrew),
            Turn("printed in Amsterdam", lambda b: hebrew(b) and AMSTERDAM(b)),
            Turn("what about venice", lambda b: hebrew(b) and VENICE(b)),
            Turn("after 1540", lambda b: hebrew(b) and VENICE(b) and b.within(1541, None)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books printed in Paris", PARIS),
            Turn("from the 16th century", lambda b: PARIS(b) and b.within(*century(16))),
            Turn(
                "not in latin",
                lambda b: PARIS(b) and b.within(*century(16)) and not latin(b),
            ),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("incunabula", incunabulum),
            Turn("printed in Italy", lambda b: incunabulum(b) and b.country_in("it")),
            Turn(
                "just the greek ones",
                lambda b: incunabulum(b) and b.country_in("it") and greek(b),
            ),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("astronomy books", ASTRONOMY),
            Turn("before 1600", lambda b: ASTRONOMY(b) and b.within(None, 1599)),
            Turn("in latin", lambda b: ASTRONOMY(b) and b.within(None, 1599) and latin(b)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books printed in Leiden", leiden),
            Turn("by Elzevir", lambda b: leiden(b) and ELZEVIR(b)),
            Turn("start over", nothing),
            Turn("spanish books", lambda b: b.language_in("spa")),
        ),
    ),
    Dialog(
        "count",
        (
            Turn("how many Hebrew books are there?", Count(hebrew)),
            Turn("show them", hebrew),
            Turn("which printers?", Ranking("printer", hebrew)),
        ),
    ),
    Dialog(
        "count",
        (
            Turn("how many books were printed in Basel?", Count(BASEL)),
            Turn("what about Venice?", Count(VENICE)),
            Turn("show them", VENICE),
        ),
    ),
    Dialog(
        "ranking",
        (
            Turn("who printed the most in Venice?", Ranking("printer", VENICE)),
            Turn("what about Basel?", Ranking("printer", BASEL)),
            Turn("only the top three", Ranking("printer", BASEL, top=3)),
        ),
    ),
    Dialog(
        "ranking",
        (
            Turn("which towns printed Greek books?", Ranking("place", greek)),
            Turn("what about Hebrew?", Ranking("place", hebrew)),
        ),
    ),
    Dialog(
        "ordering",
        (
            Turn("books printed in Basel", BASEL),
            Turn("sort them by title", Ordering("title", BASEL)),
            Turn("reverse it", Ordering("title", BASEL, descending=True)),
        ),
    ),
    Dialog(
        "ordering",
        (
            Turn("oldest book about anatomy", Ordering("date", ANATOMY, first=1)),
            Turn("reverse it", Ordering("date", ANATOMY, descending=True, first=1)),
        ),
    ),
)
