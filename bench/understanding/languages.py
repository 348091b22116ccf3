"""Names of the languages of the benchmark's catalogues, for reading a ranking's values.

Each MARC language code the demo catalogue and the NLNZ sample carry, with its name in the
MARC Code List for Languages first and then other names it is shown under ("Greek" alone
is the Greek of early printed books, Ancient Greek).
"""

from __future__ import annotations

LANGUAGES: dict[str, tuple[str, ...]] = {
    "alg": ("Algonquian (Other)",),
    "ara": ("Arabic",),
    "arc": ("Aramaic",),
    "chi": ("Chinese",),
    "cop": ("Coptic",),
    "dan": ("Danish",),
    "dut": ("Dutch", "Flemish"),
    "eng": ("English",),
    "fij": ("Fijian",),
    "fre": ("French",),
    "ger": ("German",),
    "gez": ("Ethiopic", "Geez"),
    "grc": ("Greek, Ancient (to 1453)", "Ancient Greek", "Greek"),
    "gre": ("Greek, Modern (1453-)", "Modern Greek"),
    "heb": ("Hebrew",),
    "ita": ("Italian",),
    "jpr": ("Judeo-Persian",),
    "jrb": ("Judeo-Arabic",),
    "lad": ("Ladino", "Judeo-Spanish"),
    "lat": ("Latin",),
    "mal": ("Malayalam",),
    "mao": ("Maori", "Māori", "te reo Māori"),
    "nds": ("Low German",),
    "niu": ("Niuean",),
    "ota": ("Turkish, Ottoman", "Ottoman Turkish"),
    "per": ("Persian",),
    "rar": ("Rarotongan", "Cook Islands Maori"),
    "rus": ("Russian",),
    "sam": ("Samaritan Aramaic",),
    "smo": ("Samoan",),
    "spa": ("Spanish",),
    "swe": ("Swedish",),
    "syr": ("Syriac, Modern", "Syriac"),
    "tkl": ("Tokelauan",),
    "ton": ("Tongan",),
    "yid": ("Yiddish",),
}
