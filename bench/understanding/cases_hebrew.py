"""Readers' questions in Hebrew to the demo catalogue, as Israeli readers and librarians type them.

Prefix letters glued to words ("בוונציה", "מדפוס"), spellings old and new ("קושטא",
"קושטנדינא", "איסטנבול"), gershayim typed as quotes, missing prefixes, typos, and Hebrew mixed
with English. The expectations are the same kind as the English cases': a town is every
form its imprints use, romanised or in the 880 fields; a Hebrew year ('לפני ת"ק') is read
against the years printed in the 880 imprint, else against the 008 (``Book.within_hebrew``).
"""

from __future__ import annotations

from bench.understanding.case import Case, Dialog, OneOf, Turn, about, by, nothing, printed_in
from bench.understanding.cases_demo import (
    AMSTERDAM,
    BASEL,
    CONSTANTINOPLE,
    VENICE,
    greek,
    hebrew,
    incunabulum,
    latin,
)
from bench.understanding.dates import century
from bench.understanding.oracle import Book

CATEGORY = "hebrew"

SONCINO_TOWN = printed_in("soncino", "שונצינו")
MANTUA = printed_in("mantua", "mantuae", "mantova", "מנטובה")
FERRARA = printed_in("ferrara", "פירארה")
SABBIONETA = printed_in("sabbioneta", "סביוניטה")
CREMONA = printed_in("cremona", "קרימונה")
RIVA = printed_in("riva di trento")
SALONIKA = printed_in("salonika", "salonica", "thessaloniki", "שאלוניקי")
PRAGUE = printed_in("prague", "praha", "pragae", "פראג")
CRACOW = printed_in("cracow", "krakow", "cracoviae", "קראקא")
LUBLIN = printed_in("lublin", "לובלין")
FRANKFURT_ODER = printed_in("frankfurt an der oder")
FRANKFURT_MAIN = printed_in("frankfurt am main", "francofurti ad moenum", "פרנקפורט דמיין")
SULZBACH = printed_in("sulzbach", "זולצבאך")
FURTH = printed_in("furth", "פיורדא")
DYHERNFURTH = printed_in("dyhernfurth", "דיהרנפורט")
BERLIN = printed_in("berlin", "berolini", "ברלין")
ZOLKIEW = printed_in("zolkiew", "zholkva", "זאלקווא")
SLAVUTA = printed_in("slavuta", "סלאוויטא")
ZHITOMIR = printed_in("zhitomir", "זיטאמיר")
VILNA = printed_in("vilna", "vilnius", "ווילנא")
LIVORNO = printed_in("livorno", "leghorn", "liburni", "ליוורנו")
JERUSALEM = printed_in("jerusalem", "ירושלים")
SAFED = printed_in("safed", "צפת")

BOMBERG = by("bomberg", "בומברג", imprint=("bomberg", "בומבירגי"))
SONCINO_PRESS = by("soncino", "שונצינו")
BRAGADIN = by("bragadin", "בראגדין", imprint=("bragadin",))
GIUSTINIANI = by("giustiniani", imprint=("giustiniani",))
PROOPS = by("proops", imprint=("proops",))
ROMM = by("romm", "ראם", imprint=("romm",))
BAK = by("bak, israel", 'ב"ק', imprint=("israel bak",))
SHAPIRA = by("shapira", "שפירא", imprint=("shapira",))

TALMUD = about("talmud")
CABALA = about("cabala")
HAGGADAH = about("haggadah")
PRAYER_BOOKS = about("judaism liturgy", "sephardim liturgy")
RESPONSA = about("responsa")
ETHICS = about("jewish ethics")
HASIDISM = about("hasidism")
JEWISH_LAW = about("jewish law")


def aramaic(b: Book) -> bool:
    return b.language_in("arc")


def yiddish(b: Book) -> bool:
    return b.language_in("yid")


def ladino(b: Book) -> bool:
    return b.language_in("lad")


def mishneh_torah(b: Book) -> bool:
    return b.title_words("mishneh", "torah")


def shulhan_arukh(b: Book) -> bool:
    return b.title_words("shulhan", "arukh") or b.subject_any("shulhan arukh")


def zohar(b: Book) -> bool:
    return b.title_words("zohar")


def case(text: str, expect) -> Case:
    return Case(text, CATEGORY, expect)


CASES = (
    # places, with the prefixes and spellings readers type
    case("יש לכם ספרים שנדפסו בוונציה?", VENICE),
    case("ספרים שנדפסו בויניציאה", VENICE),
    case("דפוסי אמסטרדם", AMSTERDAM),
    case("מה יש לכם מאמשטרדם", AMSTERDAM),
    case("ספרים שהודפסו בקושטא", CONSTANTINOPLE),
    case("דפוס קושטנדינא", CONSTANTINOPLE),
    case("ספרים מאיסטנבול", CONSTANTINOPLE),
    case("ספרים שנדפסו בשאלוניקי", SALONIKA),
    case("מה נדפס במנטובה", MANTUA),
    case("ספרים מפרארה", FERRARA),
    case("דפוס סביונטה", SABBIONETA),
    case("ספרים שנדפסו בקרמונה", CREMONA),
    case("ריווא די טרנטו", RIVA),
    case("ספרים שנדפסו בבזל", BASEL),
    case("ספרים מפראג", PRAGUE),
    case("דפוסי קרקוב", CRACOW),
    case("מה יש מלובלין?", LUBLIN),
    case("ספרים שנדפסו בפרנקפורט דאודר", FRANKFURT_ODER),
    case("דפוס זולצבאך", SULZBACH),
    case("ספרים שנדפסו בפיורדא", FURTH),
    case("דיהרנפורט", DYHERNFURTH),
    case("ספרים שנדפסו בברלין", BERLIN),
    case("דפוס זולקווא", ZOLKIEW),
    case("ספרים מווילנא", VILNA),
    case("מה נדפס בליוורנו", LIVORNO),
    case("ספרים שנדפסו בירושלים", JERUSALEM),
    case("דפוס צפת", SAFED),
    case("ספרים שנדפסו בשונצינו", SONCINO_TOWN),
    # printers
    case("מה יש מדפוס בומברג", BOMBERG),
    case("ספרים בדפוס בראגדין", BRAGADIN),
    case("דפוס ג'וסטיניאני", GIUSTINIANI),
    case("דפוס שונצינו", SONCINO_PRESS),
    case("דפוס ראם", ROMM),
    case('ספרים שהדפיס ישראל ב"ק', BAK),
    case("דפוס פרופס באמסטרדם", lambda b: PROOPS(b) and AMSTERDAM(b)),
    case("מה הדפיסו האחים שפירא", SHAPIRA),
    # authors, by their Hebrew names and acronyms
    case('ספרים של הרמב"ם', by("maimonides")),
    case('רמב"ם', by("maimonides")),
    case("ספרים של יוסף קארו", by("karo")),
    case('חיבורי החיד"א', by("azulai")),
    case("ספרים מאת אליהו בחור", by("levita")),
    case('רלב"ג', by("levi ben gershom")),
    case("אברבנאל", by("abravanel")),
    case("ספרים של מנשה בן ישראל", by("menasseh ben israel")),
    case("הרב שניאור זלמן מלאדי", by("shneur zalman")),
    case('רש"י', by("rashi")),
    # kinds of book and subjects
    case("תלמוד בבלי דפוס סלאוויטא", lambda b: TALMUD(b) and SLAVUTA(b)),
    case("מהדורות של התלמוד", TALMUD),
    case('ש"ס וילנא', lambda b: TALMUD(b) and VILNA(b)),
    case("ספרי קבלה מהמאה ה-16", lambda b: CABALA(b) and b.within(*century(16))),
    case("זוהר", zohar),
    case("הגדות של פסח", HAGGADAH),
    case("הגדה של פסח עם איורים", lambda b: HAGGADAH(b) and b.genre_any("woodcuts", "engravings")),
    case("משנה תורה", mishneh_torah),
    case("שולחן ערוך", shulhan_arukh),
    case('שו"ת', RESPONSA),
    case("ספרי מוסר", ETHICS),
    case("ספרי חסידות", HASIDISM),
    case("ספרי הלכה שנדפסו באיטליה", lambda b: JEWISH_LAW(b) and b.country_in("it")),
    case("סידורים ומחזורים", PRAYER_BOOKS),
    # languages
    case("ספרים בלאדינו", ladino),
    case("ספרים ביידיש", yiddish),
    case("ספרים בארמית", aramaic),
    case("ספרים בעברית שנדפסו באמסטרדם", lambda b: hebrew(b) and AMSTERDAM(b)),
    case("ספרים בארמית או ביידיש", lambda b: b.language_in("arc") or b.language_in("yid")),
    case("ספרים שנדפסו בוונציה או במנטובה", lambda b: VENICE(b) or MANTUA(b)),
    case("ספרים ביוונית", greek),
    case("ספרים בלטינית שנדפסו בבזל", lambda b: latin(b) and BASEL(b)),
    # dates, Gregorian and Hebrew
    case('סידורים לפני ת"ק', lambda b: PRAYER_BOOKS(b) and b.within_hebrew(None, 5499)),
    case('ספרים שנדפסו לפני שנת ש"א', lambda b: b.within_hebrew(None, 5300)),
    case('ספרים משנת תקנ"ז', lambda b: b.within_hebrew(5557, 5557)),
    case("ספרים שנדפסו לפני 1500", lambda b: b.within(None, 1499)),
    case("אינקונבולים בעברית", lambda b: incunabulum(b) and hebrew(b)),
    case("ספרים מהמאה ה-19 בעברית", lambda b: hebrew(b) and b.within(*century(19))),
    # typos and missing prefixes
    case("ספרים שנדפסו וונציה", VENICE),
    case("דפוס אמסטרדאם", AMSTERDAM),
    case("תלמוד בבלי סלוויטא", lambda b: TALMUD(b) and SLAVUTA(b)),
    case("ספרי קבאלה", CABALA),
    # mixed Hebrew and English
    case("ספרים printed in Venice בעברית", lambda b: VENICE(b) and hebrew(b)),
    case("Talmud דפוס וילנא", lambda b: TALMUD(b) and VILNA(b)),
    case("books בלאדינו", ladino),
    case("יש לכם את ה-Zohar?", zohar),
)

DIALOGS = (
    Dialog(
        CATEGORY,
        (
            Turn("ספרים שנדפסו בוונציה", VENICE),
            Turn("רק אלה בעברית", lambda b: VENICE(b) and hebrew(b)),
            Turn("ומה עם אמסטרדם?", lambda b: AMSTERDAM(b) and hebrew(b)),
            Turn("לפני 1700", lambda b: AMSTERDAM(b) and hebrew(b) and b.within(None, 1699)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("תלמוד בבלי", TALMUD),
            Turn("רק אלה בארמית", lambda b: TALMUD(b) and aramaic(b)),
            Turn("מהמאה ה-18", lambda b: TALMUD(b) and aramaic(b) and b.within(*century(18))),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("ספרים שנדפסו באמסטרדם", AMSTERDAM),
            Turn("ומה עם ליוורנו?", LIVORNO),
            Turn("ומה עם ירושלים?", JERUSALEM),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("ספרים בעברית", hebrew),
            Turn("עוד", hebrew),
            Turn("ספר לי על השלישי", OneOf(hebrew)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("ספרי קבלה", CABALA),
            Turn("מהמאה ה-16", lambda b: CABALA(b) and b.within(*century(16))),
            Turn("חיפוש חדש", nothing),
            Turn("הגדות של פסח", HAGGADAH),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("מה יש מדפוס בומברג", BOMBERG),
            Turn("ומה עם בראגדין?", BRAGADIN),
            Turn("ספר לי על הראשון", OneOf(BRAGADIN)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("ספרים ביידיש", yiddish),
            Turn("שנדפסו באמסטרדם", lambda b: yiddish(b) and AMSTERDAM(b)),
            Turn("ומה עם בזל?", lambda b: yiddish(b) and BASEL(b)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("אינקונבולים", incunabulum),
            Turn("רק בעברית", lambda b: incunabulum(b) and hebrew(b)),
            Turn("שנדפסו בשונצינו", lambda b: incunabulum(b) and hebrew(b) and SONCINO_TOWN(b)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("books printed in Venice", VENICE),
            Turn("רק אלה בעברית", lambda b: VENICE(b) and hebrew(b)),
            Turn("before 1550", lambda b: VENICE(b) and hebrew(b) and b.within(None, 1549)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn("ספרים שנדפסו בקרקוב", CRACOW),
            Turn("ומה עם לובלין?", LUBLIN),
            Turn("חיפוש חדש", nothing),
            Turn('ספרים של הרמב"ם', by("maimonides")),
            Turn('לפני ש"א', lambda b: by("maimonides")(b) and b.within_hebrew(None, 5300)),
        ),
    ),
    Dialog(
        CATEGORY,
        (
            Turn('שו"ת', RESPONSA),
            Turn("רק מהמאה ה-18", lambda b: RESPONSA(b) and b.within(*century(18))),
            Turn("ספר לי על הראשון", OneOf(lambda b: RESPONSA(b) and b.within(*century(18)))),
        ),
    ),
)
