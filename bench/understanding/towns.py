"""The town a book was printed in, as a reader names it: how the oracle groups imprints by place.

``town(place, country)`` reads one 260/264 $a. A correction wins ("Hamburgi [i.e.
Amsterdam]" is Amsterdam); brackets and question marks go, and so does a leading formula
("In", "At", "Imprinted at", "A", "En", "Tot", "t'"). The name ends at the first comma,
colon, semicolon, slash or bracket, and a trailing "N.Z." or "N.S.W." goes with what follows
it ("Wellington [N.Z.]", "[Christchurch] N.Z." and "Wellington, New Zealand" are all
Wellington). A form listed in ``TOWNS`` becomes the modern English name of its town
("Venetiis" is Venice, "Kostantiniyye" Istanbul, "Te Whanganui-a-Tara" Wellington); any
other place is its own name, folded. A place still named as it was stays so: Westminster,
Hammersmith and Wandsbek are not merged into London or Hamburg. Towns of one name are told
apart by the 008 country code or the qualifier the imprint gives (``SAME_NAME``). A country
alone, "S.l." or nothing is no town.

The key of a town is its name folded (``oracle.fold``): "Alcalá de Henares" is
"alcala de henares".
"""

from __future__ import annotations

import re

from bench.understanding.oracle import fold

# Modern English name -> the other forms imprints use (Latin, vernacular, older spellings).
TOWNS: dict[str, tuple[str, ...]] = {
    "Alcalá de Henares": ("complutensi universitate", "compluti"),
    "Amsterdam": ("amstelodami", "amstelaedami"),
    "Antwerp": ("antverpiae", "antwerpen", "anversa", "anvers"),
    "Auckland": ("tamaki makaurau",),
    "Augsburg": ("augustae vindelicorum",),
    "Basel": ("basileae", "basell", "basle", "bale"),
    "Bologna": ("bononiae",),
    "Bordeaux": ("bourdeaus",),
    "Cambridge": ("cantabrigiae",),
    "Christchurch": ("otautahi", "chrstchurch"),
    "Cologne": ("coloniae", "coloniae agrippinae", "koln"),
    "Copenhagen": ("hafniae", "københavn"),
    "Delft": ("delf",),
    "Dunedin": ("otepoti",),
    "Duisburg": ("duisburgi clivorum",),
    "Edinburgh": ("edinburgi",),
    "Florence": ("florentiae", "firenze", "fiorenza"),
    "Frankfurt am Main": ("francofurti", "francoforti ad moenum", "franckfurt am mayn"),
    "Gdańsk": ("gedani",),
    "Geneva": ("genevae", "geneve"),
    "Hamilton": ("kirikiriroa",),
    "Heidelberg": ("heidelbergae",),
    "Ingolstadt": ("ingolstadii",),
    "Istanbul": ("constantinople", "kostantiniyye"),
    "Katikati": ("kati kati",),
    "Leiden": ("lugduni batavorum", "leidae", "leida", "leyde", "leyden"),
    "Leuven": ("lovanii",),
    "Linz": ("lincii austriae",),
    "Lisbon": ("lisboa",),
    "London": ("londini",),
    "Lyon": ("lugduni", "lyons"),
    "Mainz": ("moguntiae", "maguntiae"),
    "Manukau": ("manukau city",),
    "Milan": ("milano",),
    "Moscow": ("moskva",),
    "Munich": ("muenchen", "münchen"),
    "Nuremberg": ("norimbergae", "nurnberg"),
    "Oppenheim": ("oppenheimii",),
    "Oxford": ("oxoniae", "oxonii", "oxonie"),
    "Padua": ("padova",),
    "Paris": ("parisiis", "lutetiae", "lutetia", "parigi"),
    "Porirua": ("porirua city",),
    "Rome": ("romae", "roma"),
    "Strasbourg": ("argentorati", "argentinae", "argentine", "strassburg"),
    "Subiaco": ("venerabili monasterio sublacensi",),
    "The Hague": ("hagae comitis",),
    "Thessaloniki": ("salonika",),
    "Tübingen": ("tubingae",),
    "Ulm": ("ulmae",),
    "Venice": ("venetiis", "venetia", "venezia", "vinegia"),
    "Wandsbek": ("wandesburgi",),
    "Wellington": ("te whanganui a tara",),
    "Whanganui": ("wanganui",),
    "Wittenberg": ("wittemberg", "vitebergae"),
    "Zurich": ("tiguri", "turici"),
}

# A name two towns share: the 008 country code or the imprint's qualifier says which.
SAME_NAME: dict[str, dict[str, str]] = {
    "cambridge": {
        "mau": "Cambridge, Massachusetts",
        "mass": "Cambridge, Massachusetts",
        "nz": "Cambridge, New Zealand",
        "n z": "Cambridge, New Zealand",
    },
    "lugduni": {"ne": "Leiden"},  # Lyon elsewhere: "Lugduni Batavorum" is Leiden's own form
}

NOT_TOWNS = frozenset(
    {
        "",
        "s l",
        "sine loco",
        "n z",
        "new zealand",
        "australia",
        "england",
        "germany",
        "united states",
    }
)
FORMULAS = ("imprinted at", "printed at", "gedruckt zu", "in", "at", "a", "en", "tot", "t")
TRAILING = ("n z", "nz", "n s w", "nsw")

_MODERN = {fold(form): fold(name) for name, forms in TOWNS.items() for form in (name, *forms)}
_CORRECTION = re.compile(r"\[i\.\s?e\.,?\s*([^\]]+)\]")
_END = re.compile(r"[,:;/\[\]()]")


def town(place: str, country: str = "") -> str | None:
    """The key of the town ``place`` names, or None when it names none."""
    corrected = _CORRECTION.search(place)
    text = (corrected.group(1) if corrected else place).replace("?", "").strip()
    text = text.removeprefix("[")
    cut = _END.search(text)
    head = fold(text[: cut.start()] if cut else text)
    qualifier = fold(text[cut.start() :]) if cut else ""
    head = _without_formula(head)
    for suffix in TRAILING:
        if head.endswith(f" {suffix}"):
            head = head.removesuffix(f" {suffix}")
    if head in NOT_TOWNS:
        return None
    if head in SAME_NAME:
        named = SAME_NAME[head]
        chosen = named.get(country.strip()) or named.get(qualifier)
        if chosen:
            return fold(chosen)
    return _MODERN.get(head, head)


def _without_formula(head: str) -> str:
    for formula in FORMULAS:
        if head.startswith(f"{formula} "):
            return head.removeprefix(f"{formula} ")
    return head
