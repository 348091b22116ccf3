"""Readers' questions to the NLNZ sample (1,001 records of the National Library of New Zealand).

A general library's catalogue: books, serials, maps, sound recordings and videos, mostly of
the 19th to 21st centuries. "Books" is any record; a kind of material (maps, recordings,
serials) is read from the leader and the 655 genre terms. A town is every form its
imprints use, the Maori name included ("Te Whanganui-a-Tara" is Wellington). Questions
about rare-book kinds the sample lacks (incunabula) answer nothing. "The NZ books" are those
the 008 says were published in New Zealand. The sample names few printers in 1XX/7XX, so
its rankings are of places, languages, periods, subjects, authors and genres.
"""

from __future__ import annotations

from bench.understanding.case import (
    Case,
    Count,
    Dialog,
    Ordering,
    Ranking,
    Turn,
    about,
    by,
    printed_in,
)
from bench.understanding.dates import century, circa, decade, early, late, mid
from bench.understanding.kinds import kinds
from bench.understanding.oracle import Book

WELLINGTON = printed_in("wellington", "whanganui a tara")
AUCKLAND = printed_in("auckland", "tamaki makaurau")
CHRISTCHURCH = printed_in("christchurch", "chrstchurch", "otautahi")
DUNEDIN = printed_in("dunedin", "otepoti")
HAMILTON = printed_in("hamilton", "kirikiriroa")
NAPIER = printed_in("napier")
LONDON = printed_in("london")
SYDNEY = printed_in("sydney")

MAPS = about("maps", "charts", "atlases")
RECORDINGS = about("sound recordings")
SERIALS = about("serials", "periodicals")
WHITCOMBE = by(imprint=("whitcombe and tombs", "whitcombe tombs"))
REED = by(imprint=("reed",))
CAXTON_PRESS = by("caxton press", imprint=("caxton press", "caxton club press"))
OUP = by("oxford university press", imprint=("oxford university press",))
GOVERNMENT_PRINTER = by(imprint=("govt printer", "government printer"))
MINISTRY_OF_HEALTH = by("ministry of health", imprint=("ministry of health",))
LANDS_AND_SURVEY = by(
    "lands and survey",
    "lands survey",
    imprint=("lands and survey", "lands survey", "survey and land information"),
)
FOREST_SERVICE = by("new zealand forest service", imprint=("new zealand forest service",))
PACIFIC_LANGUAGES = ("smo", "ton", "rar", "tkl", "niu", "fij")
ROCK = about("rock music")
NZ_POETRY = about("new zealand poetry")
EARTHQUAKES = about("earthquake*")


def maori(b: Book) -> bool:
    return b.language_in("mao")


def english(b: Book) -> bool:
    return b.language_in("eng")


def coded_for(b: Book, audience: str) -> bool:
    """A book's 008/22 says whom it is for (``kinds.AUDIENCES``)."""
    return any(names[0] == audience for names in kinds(str(b.record.leader), b.f008))


def for_children(b: Book) -> bool:
    """Coded for children, or a heading or genre term says so ("Carols -- Juvenile sound
    recordings", "Children's stories, New Zealand")."""
    return coded_for(b, "Juvenile literature") or about(
        "juvenile*", "children's stories", "children's poetry", "children's literature",
        "picture books",
    )(b)  # fmt: skip


def for_young_adults(b: Book) -> bool:
    return coded_for(b, "Young adult literature") or about("young adult*")(b)


def recording(b: Book) -> bool:
    """A sound recording itself (its leader or a 655 term), not a book about recordings."""
    return b.genre_any("sound recordings")


CASES = (
    # canonical: the plain way
    Case("books printed in Wellington", "canonical", WELLINGTON),
    Case("books published by Oxford University Press", "canonical", OUP),
    Case(
        "books printed in London before 1900",
        "canonical",
        lambda b: LONDON(b) and b.within(None, 1899),
    ),
    Case("Maori language books", "canonical", maori),
    Case("books about New Zealand", "canonical", lambda b: b.subject_any("new zealand")),
    Case("books by Manning", "canonical", by("manning")),
    Case(
        "English books printed in Auckland between 1950 and 1990",
        "canonical",
        lambda b: english(b) and AUCKLAND(b) and b.within(1950, 1990),
    ),
    Case("books printed in Christchurch", "canonical", CHRISTCHURCH),
    Case("books in Samoan", "canonical", lambda b: b.language_in("smo")),
    Case("books about rock music", "canonical", ROCK),
    Case(
        "books published in Dunedin before 1950",
        "canonical",
        lambda b: DUNEDIN(b) and b.within(None, 1949),
    ),
    Case("books printed in Sydney", "canonical", SYDNEY),
    Case("maps published in Wellington", "canonical", lambda b: MAPS(b) and WELLINGTON(b)),
    Case("books by Allen Curnow", "canonical", by("curnow allen")),
    Case("books titled history", "canonical", lambda b: b.title_words("history")),
    # paraphrase: other wordings of the same
    Case("stuff published in Auckland", "paraphrase", AUCKLAND),
    Case("anything put out by Whitcombe and Tombs", "paraphrase", WHITCOMBE),
    Case("works that deal with world war II", "paraphrase", about("world war 1939 1945")),
    Case("things written in maori", "paraphrase", maori),
    Case(
        "items produced in Christchurch in the 1930s",
        "paraphrase",
        lambda b: CHRISTCHURCH(b) and b.within(*decade(1930)),
    ),
    Case("publications of the Ministry of Health", "paraphrase", MINISTRY_OF_HEALTH),
    Case("material that came out of Dunedin", "paraphrase", DUNEDIN),
    Case("anything in Cook Islands Maori", "paraphrase", lambda b: b.language_in("rar")),
    Case(
        "what came out in London in the 19th century",
        "paraphrase",
        lambda b: LONDON(b) and b.within(*century(19)),
    ),
    Case("writing about antarctica", "paraphrase", about("antarctic*")),
    Case("whatever you have on cancer", "paraphrase", about("cancer")),
    Case("things released on Flying Nun", "paraphrase", by(imprint=("flying nun",))),
    Case("titles not in English", "paraphrase", lambda b: not english(b)),
    Case(
        "stuff printed in Dunedin or Hamilton",
        "paraphrase",
        lambda b: DUNEDIN(b) or HAMILTON(b),
    ),
    # typo: misspellings readers make
    Case("books printed in Wellingon", "typo", WELLINGTON),
    Case("books from Christchuch", "typo", CHRISTCHURCH),
    Case("published in Aukland", "typo", AUCKLAND),
    Case("Dunedn books", "typo", DUNEDIN),
    Case("books by Ngaio Marsch", "typo", by("marsh ngaio")),
    Case("mount everst", "typo", about("everest")),
    Case("Maroi language books", "typo", maori),
    Case("earthqakes", "typo", about("earthquake*")),
    Case("books about Antartica", "typo", about("antarctic*")),
    Case("Whitcome and Tombs", "typo", WHITCOMBE),
    Case("poems by Allen Curnoe", "typo", by("curnow allen")),
    Case("books by Edmund Hilary", "typo", by("hillary edmund")),
    Case("rock musc", "typo", ROCK),
    # bare_name: a name alone or nearly
    Case("Manning", "bare_name", by("manning")),
    Case("Curnow", "bare_name", by("curnow")),
    Case("Hillary", "bare_name", by("hillary edmund")),
    Case("Ngaio Marsh", "bare_name", by("marsh ngaio")),
    Case("rosemary rees", "bare_name", by("rees rosemary")),
    Case("Whitcombe & Tombs", "bare_name", WHITCOMBE),
    Case("Caxton Press", "bare_name", CAXTON_PRESS),
    Case("Cawthron Institute", "bare_name", by("cawthron institute")),
    Case("Dorothy Quentin", "bare_name", by("quentin dorothy")),
    Case("domett", "bare_name", by("domett")),
    Case("Vincent Pyke", "bare_name", by("pyke vincent")),
    Case("Dave Henere", "bare_name", by("henere dave")),
    # bare_topic: a topic alone
    Case("earthquakes", "bare_topic", about("earthquake*")),
    Case("rock music", "bare_topic", ROCK),
    Case("Antarctica", "bare_topic", about("antarctic*")),
    Case("reggae", "bare_topic", about("reggae*")),
    Case("cancer", "bare_topic", about("cancer")),
    Case("mountaineering", "bare_topic", about("mountaineer*")),
    Case("Treaty of Waitangi", "bare_topic", about("treaty of waitangi", "tiriti o waitangi")),
    Case("influenza", "bare_topic", about("influenza")),
    Case("sermons", "bare_topic", about("sermons")),
    Case("geology", "bare_topic", about("geology")),
    Case("coastal zone management", "bare_topic", about("coastal zone management")),
    Case("deaf children", "bare_topic", about("deaf children")),
    Case("apples", "bare_topic", about("apples")),
    # synonym: synonyms and terms of art
    Case("incunabula", "synonym", lambda b: b.within(None, 1500)),
    Case("maps", "synonym", MAPS),
    Case("charts", "synonym", about("charts")),
    Case("sound recordings", "synonym", RECORDINGS),
    Case("CDs and records", "synonym", RECORDINGS),
    Case("periodicals", "synonym", SERIALS),
    Case("magazines and journals", "synonym", SERIALS),
    Case("sheet music", "synonym", about("printed music")),
    Case("videos", "synonym", about("films videos")),
    Case("te reo Maori books", "synonym", maori),
    Case("Kiwi poetry", "synonym", NZ_POETRY),
    Case("kids books", "synonym", for_children),
    Case("any young adult fiction?", "synonym", for_young_adults),
    Case("whodunits", "synonym", about("detective and mystery*", "thrillers")),
    Case("romance novels", "synonym", about("romance fiction")),
    Case(
        "books in Pacific Island languages",
        "synonym",
        lambda b: b.language_in(*PACIFIC_LANGUAGES),
    ),
    Case("New Zealand imprints", "synonym", lambda b: b.country_in("nz")),
    # question_frame: real question frames around a request
    Case("have you got anything by Allen Curnow?", "question_frame", by("curnow allen")),
    Case("is there anything printed in Napier?", "question_frame", NAPIER),
    Case("I'm looking for books about earthquakes", "question_frame", about("earthquake*")),
    Case(
        "do you have any maps published in Wellington?",
        "question_frame",
        lambda b: MAPS(b) and WELLINGTON(b),
    ),
    Case("what do you have by Edmund Hillary?", "question_frame", by("hillary edmund")),
    Case("are there any books in French?", "question_frame", lambda b: b.language_in("fre")),
    Case(
        "which records came out on Vaimutu Records?",
        "question_frame",
        by(imprint=("vaimutu*",)),
    ),
    Case(
        "got any poetry from the Caxton Press?",
        "question_frame",
        lambda b: NZ_POETRY(b) and CAXTON_PRESS(b),
    ),
    Case(
        "I want serials published in Wellington",
        "question_frame",
        lambda b: SERIALS(b) and WELLINGTON(b),
    ),
    Case(
        "could you show me stuff about Hector's dolphins?",
        "question_frame",
        about("hector s dolphin"),
    ),
    Case(
        "anything on the Treaty of Waitangi?",
        "question_frame",
        about("treaty of waitangi", "tiriti o waitangi"),
    ),
    Case("can I see books printed in Hamilton", "question_frame", HAMILTON),
    Case(
        "do you hold any Tongan music?",
        "question_frame",
        lambda b: b.language_in("ton") and about("music")(b),
    ),
    # name_variant: a person or body under another form
    Case("Sir Ed Hillary", "name_variant", by("hillary edmund")),
    Case("Sir Edmund Hillary", "name_variant", by("hillary edmund")),
    Case("Whitcombe and Tombs", "name_variant", WHITCOMBE),
    Case("books from Te Whanganui-a-Tara", "name_variant", WELLINGTON),
    Case("published in Kirikiriroa", "name_variant", HAMILTON),
    Case("books printed in Otautahi", "name_variant", CHRISTCHURCH),
    Case("printed in Tamaki Makaurau", "name_variant", AUCKLAND),
    Case("Government Printer", "name_variant", GOVERNMENT_PRINTER),
    Case("OUP", "name_variant", OUP),
    Case("A.H. & A.W. Reed", "name_variant", REED),
    Case("Dame Ngaio Marsh", "name_variant", by("marsh ngaio")),
    Case("NZ Forest Service", "name_variant", FOREST_SERVICE),
    Case("Lands and Survey maps", "name_variant", lambda b: MAPS(b) and LANDS_AND_SURVEY(b)),
    Case(
        "Canterbury University",
        "name_variant",
        by("university of canterbury", imprint=("university of canterbury",)),
    ),
    Case(
        "Vic University of Wellington",
        "name_variant",
        by("victoria university*", imprint=("victoria university*",)),
    ),
    # date_shorthand: how readers write dates
    Case("pre-1900 books", "date_shorthand", lambda b: b.within(None, 1899)),
    Case("the 1990s", "date_shorthand", lambda b: b.within(*decade(1990))),
    Case("19th century", "date_shorthand", lambda b: b.within(*century(19))),
    Case("since 2000", "date_shorthand", lambda b: b.within(2000, None)),
    Case("books from the sixties", "date_shorthand", lambda b: b.within(*decade(1960))),
    Case("early 20th century", "date_shorthand", lambda b: b.within(*early(20))),
    Case("c. 1950", "date_shorthand", lambda b: b.within(*circa(1950))),
    Case("stuff from the 90s", "date_shorthand", lambda b: b.within(*decade(1990))),
    Case("1800s", "date_shorthand", lambda b: b.within(*century(19))),
    Case("mid-20th century books", "date_shorthand", lambda b: b.within(*mid(20))),
    Case(
        "Christchurch pre-1950",
        "date_shorthand",
        lambda b: CHRISTCHURCH(b) and b.within(None, 1949),
    ),
    Case(
        "Wellington books from the 1930s",
        "date_shorthand",
        lambda b: WELLINGTON(b) and b.within(*decade(1930)),
    ),
    Case("late 19th c.", "date_shorthand", lambda b: b.within(*late(19))),
    Case("post-2010", "date_shorthand", lambda b: b.within(2011, None)),
    # count: how many
    Case("how many books do you have in Maori?", "count", Count(maori)),
    Case("how many maps are there?", "count", Count(MAPS)),
    Case(
        "number of books printed in Wellington before 1950",
        "count",
        Count(lambda b: WELLINGTON(b) and b.within(None, 1949)),
    ),
    Case("how many sound recordings do you hold?", "count", Count(recording)),
    Case(
        "how many things were published in the 1990s",
        "count",
        Count(lambda b: b.within(*decade(1990))),
    ),
    Case("count of Samoan books", "count", Count(lambda b: b.language_in("smo"))),
    Case("how many books were printed in Christchurch?", "count", Count(CHRISTCHURCH)),
    Case(
        "how many books did the Ministry of Health publish",
        "count",
        Count(MINISTRY_OF_HEALTH),
    ),
    # ranking: which values, and how many of each
    Case(
        "what are the most common subjects for the NZ books?",
        "ranking",
        Ranking("subject", lambda b: b.country_in("nz")),
    ),
    Case(
        "which towns published the most Maori language books",
        "ranking",
        Ranking("place", maori),
    ),
    Case(
        "what languages are the sound recordings in?",
        "ranking",
        Ranking("language", recording),
    ),
    Case("which decades are the Wellington books from?", "ranking", Ranking("decade", WELLINGTON)),
    Case("top 3 places of publication", "ranking", Ranking("place", top=3)),
    Case("what kinds of maps do you have?", "ranking", Ranking("genre", MAPS)),
    Case("which authors wrote the most NZ poetry?", "ranking", Ranking("author", NZ_POETRY)),
    Case("which centuries are the London books from", "ranking", Ranking("century", LONDON)),
    # ordering: records in an order
    Case(
        "the most recent book about earthquakes",
        "ordering",
        Ordering("date", EARTHQUAKES, descending=True, first=1),
    ),
    Case("oldest map", "ordering", Ordering("date", MAPS, first=1)),
    Case(
        "the three earliest books printed in Wellington",
        "ordering",
        Ordering("date", WELLINGTON, first=3),
    ),
    Case("Maori language books sorted by title", "ordering", Ordering("title", maori)),
    Case(
        "list the New Zealand poetry alphabetically by author",
        "ordering",
        Ordering("author", NZ_POETRY),
    ),
    Case(
        "Allen Curnow's books in order of date",
        "ordering",
        Ordering("date", by("curnow allen")),
    ),
    Case(
        "recent books about earthquakes",
        "ordering",
        Ordering("date", EARTHQUAKES, descending=True),
    ),
    Case(
        "what's the most recent Maori language book?",
        "ordering",
        Ordering("date", maori, descending=True, first=1),
    ),
    Case(
        "the most popular subjects among the Wellington books",
        "ranking",
        Ranking("subject", WELLINGTON),
    ),
)

DIALOGS = (
    Dialog(
        "dialog",
        (
            Turn("books printed in Wellington", WELLINGTON),
            Turn("before 1950", lambda b: WELLINGTON(b) and b.within(None, 1949)),
            Turn("what about Christchurch?", lambda b: CHRISTCHURCH(b) and b.within(None, 1949)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("maps", MAPS),
            Turn("published in Wellington", lambda b: MAPS(b) and WELLINGTON(b)),
            Turn(
                "after 1980",
                lambda b: MAPS(b) and WELLINGTON(b) and b.within(1981, None),
            ),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("Maori language books", maori),
            Turn("published in Auckland", lambda b: maori(b) and AUCKLAND(b)),
            Turn("what about Wellington?", lambda b: maori(b) and WELLINGTON(b)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books about rock music", ROCK),
            Turn("only those from the 2000s", lambda b: ROCK(b) and b.within(*decade(2000))),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books by Curnow", by("curnow")),
            Turn("printed in Christchurch", lambda b: by("curnow")(b) and CHRISTCHURCH(b)),
            Turn("what about Wellington?", lambda b: by("curnow")(b) and WELLINGTON(b)),
        ),
    ),
    Dialog(
        "dialog",
        (
            Turn("books in Tongan", lambda b: b.language_in("ton")),
            Turn("what about Samoan?", lambda b: b.language_in("smo")),
        ),
    ),
    Dialog(
        "count",
        (
            Turn("how many maps do you have?", Count(MAPS)),
            Turn("where were they published?", Ranking("place", MAPS)),
        ),
    ),
    Dialog(
        "ranking",
        (
            Turn("what languages are the Wellington books in?", Ranking("language", WELLINGTON)),
            Turn("what about Auckland?", Ranking("language", AUCKLAND)),
            Turn("only the top three", Ranking("language", AUCKLAND, top=3)),
        ),
    ),
    Dialog(
        "ordering",
        (
            Turn("Maori language books", maori),
            Turn("list them alphabetically", Ordering("title", maori)),
            Turn("show more", Ordering("title", maori, skip=10)),
        ),
    ),
    Dialog(
        "ordering",
        (
            Turn("books printed in Dunedin", DUNEDIN),
            Turn("most recent first", Ordering("date", DUNEDIN, descending=True)),
            Turn("show more", Ordering("date", DUNEDIN, descending=True, skip=10)),
        ),
    ),
)
