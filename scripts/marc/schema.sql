-- The bibliographic index: one row per MARC record in `records`, its fields in child tables.
-- Built whole by scripts/marc/index.py into a new file; never updated in place.
-- Raw values are as catalogued (less the trailing ISBD separator); *_norm values come from
-- scripts/marc/normalize.py, which the query compiler uses to normalise what it looks for.
-- Years: date_start <= date_end, both NULL when unknown; 9999 ends a continuing resource.
-- An 880 (the field in another script) is stored in the table of the field its $6 names, with
-- tag '880' and that field's tag in linked_tag (NULL on every other row); an 880 with no
-- usable $6, or pairing with a field that has no table, is a note with tag '880'.
-- A record's rowid is its key for full text (see the FTS tables); the index is built whole and
-- never VACUUMed, which could renumber rowids.

CREATE TABLE records (
    record_id     TEXT PRIMARY KEY,   -- 001
    source        TEXT NOT NULL,      -- the file it was read from
    leader        TEXT,
    date_type     TEXT,               -- 008/06
    date_start    INTEGER,            -- from 008/07-14 when usable, else from 260/264 $c (or 880)
    date_end      INTEGER,
    date_raw      TEXT,               -- 008/06-14 as found
    date_source   TEXT,               -- where date_start came from: '008/07-14', '260$c', '264$c',
                                      -- '880$c' (a Hebrew year in the 880 of a 260/264)
    country_code  TEXT,               -- 008/15-17 trimmed
    country_name  TEXT,               -- its English name
    language_code TEXT,               -- 008/35-37
    title         TEXT,               -- 245 $a $b $n $p, trailing ISBD punctuation trimmed
    title_sort    TEXT,               -- folded, without the article 245 ind2 skips ("a", "the")
    author        TEXT,               -- 1XX $a
    description   TEXT                -- first 520, else first 500
);

CREATE TABLE titles (                  -- 245 and every 246
    record_id  TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    title      TEXT NOT NULL,
    title_norm TEXT,
    linked_tag TEXT
);

-- 100/110/111/700/710/711. One row per agent and role: an agent with two roles ($e printer,
-- $e publisher) has two rows sharing `position`; an agent with none has one row, roles NULL.
CREATE TABLE agents (
    record_id  TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    position   INTEGER NOT NULL,       -- 1-based order of the agent fields in the record
    name_raw   TEXT NOT NULL,          -- name and dates as catalogued
    name_norm  TEXT,                   -- folded name without dates: "manning arthur"
    role_raw   TEXT,                   -- $e (X11: $j) as catalogued, or the $4 code
    role_norm  TEXT,                   -- "printer", "editor" ... ($4 codes as their terms)
    agent_type TEXT NOT NULL,          -- 'personal' (X00), 'corporate' (X10), 'meeting' (X11)
    linked_tag TEXT,
    name_key   TEXT                    -- the person or body: its authority heading's folded
                                       -- form when an authority record names it, else name_norm
);

-- 260, and 264 with ind2 '1'. One row per place/publisher pair: "$a Sydney $a Wellington
-- $b Reed" gives (Sydney, Reed) and (Wellington, Reed); $c belongs to every row of its field.
CREATE TABLE imprints (
    record_id      TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag            TEXT NOT NULL,
    position       INTEGER NOT NULL,   -- 1-based order of the rows in the record
    place_raw      TEXT,
    place_norm     TEXT,               -- modern English city: "venice" for "Venetiis"
    publisher_raw  TEXT,
    publisher_norm TEXT,               -- folded, without "apud", "typis", "printed by" ...
    date_raw       TEXT,
    date_start     INTEGER,
    date_end       INTEGER,
    linked_tag     TEXT
);

CREATE TABLE languages (               -- deduplicated per record; the first source wins
    record_id TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    name      TEXT,                    -- NULL for a code not in the MARC list
    source    TEXT NOT NULL            -- '008/35-37' or '041$a'
);

CREATE TABLE subjects (                -- 600/610/611/630/650/651
    record_id    TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    heading      TEXT NOT NULL,        -- "Journalists -- Australia -- Biography"
    heading_norm TEXT,                 -- "journalists -- australia -- biography"
    linked_tag   TEXT
);

-- 500 and 590 ($a), 520 ($a $b), 561 provenance, 563 binding ($a): all in notes_fts.
CREATE TABLE notes (
    record_id  TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    text       TEXT NOT NULL,
    linked_tag TEXT
);

CREATE TABLE physical_descriptions (   -- 300
    record_id  TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    text       TEXT NOT NULL,          -- $a $b $c as catalogued
    extent     TEXT,                   -- $a
    dimensions TEXT,                   -- $c
    linked_tag TEXT
);

CREATE TABLE citations (              -- 510: "Goff" "B-526", "ISTC" "ib00526000"
    record_id   TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    source      TEXT NOT NULL,         -- $a, the work cited
    source_norm TEXT,
    number      TEXT,                  -- $c, where in it
    number_norm TEXT,                  -- one token: "B-526" -> "b526"
    linked_tag  TEXT
);

-- 655 genre/form terms, subjects' form subdivisions (6XX $v), and the kind of material the
-- leader and 008 state ("Maps" for leader/06 'e', "Serials" for leader/07 's', "Poetry" for a
-- book's 008/33 'p').
CREATE TABLE genres (
    record_id  TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,          -- '655', a 6XX ($v), '880', 'leader/06', 'leader/07', '008/33'
    term       TEXT NOT NULL,          -- 655 $a: "Incunabula"; a code's term: "Maps"
    term_norm  TEXT NOT NULL,
    heading    TEXT NOT NULL,          -- with its subdivisions: "Incunabula -- Italy -- Venice"
    vocabulary TEXT,                   -- $2: "rbmscv", "lcgft"
    linked_tag TEXT
);

CREATE TABLE holdings (                -- 852
    record_id      TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag            TEXT NOT NULL,
    location       TEXT,               -- $a, the institution
    sublocation    TEXT,               -- $b $c: collection, shelving location
    shelfmark      TEXT,               -- $k $h $i $j $m: "Inc. 12"
    shelfmark_norm TEXT,
    copy           TEXT,               -- $t
    note           TEXT                -- $z
);

CREATE TABLE links (                   -- 856, one row per $u
    record_id TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,
    url       TEXT NOT NULL,
    text      TEXT,                    -- $y, the link text
    note      TEXT,                    -- $z
    materials TEXT,                    -- $3
    kind      TEXT                     -- 'resource', 'version' (e.g. a digitised copy), 'related'
);

-- The whole record, one MARCXML <record> (scripts/marc/whole_record.py), for the tagged view,
-- the MARCXML and MARC 21 downloads and MARCXML exports.
CREATE TABLE marc (
    record_id TEXT PRIMARY KEY REFERENCES records (record_id) ON DELETE CASCADE,
    xml       TEXT NOT NULL
);

-- MARC 21 authority records (leader/06 'z') read with the catalogue: each heading, and the
-- forms it is traced from (4XX see-from) or to (5XX related and broader headings).
CREATE TABLE authorities (
    authority_id TEXT PRIMARY KEY,     -- 001
    kind         TEXT NOT NULL,        -- 'name', 'title', 'subject', 'place', 'genre'
    heading      TEXT NOT NULL,        -- 1XX as catalogued
    heading_norm TEXT NOT NULL         -- folded, without dates: agents.name_key of its name
);
CREATE TABLE authority_forms (
    authority_id TEXT NOT NULL REFERENCES authorities (authority_id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    relation     TEXT NOT NULL,        -- 'see_from', 'broader', 'narrower', 'related'
    form         TEXT NOT NULL,
    form_norm    TEXT NOT NULL
);

-- Printers and publishers named in 260/264 $b, linked to the person or body they are: by a
-- form of their authority record, or by the record's own printer in 7XX ("apud Christophorum
-- Froschouerum" is Froschauer, Christoph).
CREATE TABLE imprint_names (
    record_id TEXT NOT NULL REFERENCES records (record_id) ON DELETE CASCADE,
    tag       TEXT NOT NULL,           -- 260 or 264
    position  INTEGER NOT NULL,        -- the imprints row
    name_key  TEXT NOT NULL,
    form      TEXT NOT NULL            -- the statement as catalogued
);

-- What readers' words are matched against: every form of a value the index holds (a place's
-- Latin and vernacular names, a person's heading and variants, subject and genre terms), the
-- value a filter uses for it, how to show it and how many records have it.
CREATE TABLE vocabulary (
    kind    TEXT NOT NULL,             -- 'place', 'name', 'publisher', 'subject', 'genre'
    form    TEXT NOT NULL,             -- folded
    value   TEXT NOT NULL,
    display TEXT NOT NULL,
    records INTEGER NOT NULL
);

-- Full text, one row per record: its titles; its subject headings and, apart, its genre terms;
-- its notes; and all of these with its names and imprints (keywords), one per line. The row's
-- rowid is the record's rowid, so a MATCH yields records' rowids straight from the full-text
-- index. The Porter stemmer lets "commentaries" find "commentary" in free English text;
-- subject headings and genre terms are a controlled vocabulary, read word for word (a
-- reader's plural or singular is tried by the query side), so "maps" never finds "Mappings".
CREATE VIRTUAL TABLE titles_fts USING fts5 (
    record_id UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE subjects_fts USING fts5 (
    record_id UNINDEXED, headings, genres, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE notes_fts USING fts5 (
    record_id UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE keywords_fts USING fts5 (
    record_id UNINDEXED, text, tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE meta (                    -- schema_version, built_at (UTC), records, sources
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Each child table's record_id index exists during the load: replacing a duplicate 001
-- deletes the earlier record's rows through it.
CREATE INDEX titles_record ON titles (record_id);
CREATE INDEX agents_record ON agents (record_id);
CREATE INDEX imprints_record ON imprints (record_id);
CREATE INDEX languages_record ON languages (record_id);
CREATE INDEX subjects_record ON subjects (record_id);
CREATE INDEX notes_record ON notes (record_id);
CREATE INDEX physical_descriptions_record ON physical_descriptions (record_id);
CREATE INDEX citations_record ON citations (record_id);
CREATE INDEX genres_record ON genres (record_id);
CREATE INDEX holdings_record ON holdings (record_id);
CREATE INDEX links_record ON links (record_id);

-- @indexes
-- Created after the bulk load (scripts/marc/index.py splits the file here): faster than
-- maintaining them during it. A value index also holds record_id, so a filter's records are
-- listed, counted or probed from the index alone, never from the table's rows.
CREATE INDEX records_dates ON records (date_start, date_end);
-- A record's dates by its id: records reached through another table's condition are checked
-- against a date condition without reading their rows.
CREATE INDEX records_id_dates ON records (record_id, date_start, date_end);
-- The results' order: by date, then by title as it files (each way, for newest first).
CREATE INDEX records_order ON records (date_start, title_sort, record_id);
CREATE INDEX records_newest ON records (date_start DESC, title_sort, record_id);
CREATE INDEX records_country ON records (country_code);
CREATE INDEX records_language ON records (language_code);
CREATE INDEX agents_name ON agents (name_norm, record_id);
CREATE INDEX agents_key ON agents (name_key, record_id);
CREATE INDEX imprint_names_key ON imprint_names (name_key, record_id);
CREATE INDEX vocabulary_form ON vocabulary (kind, form);
CREATE INDEX agents_role ON agents (role_norm, record_id);
CREATE INDEX imprints_place ON imprints (place_norm, record_id);
CREATE INDEX imprints_publisher ON imprints (publisher_norm, record_id);
CREATE INDEX imprints_dates ON imprints (date_start, date_end);
CREATE INDEX languages_code ON languages (code, record_id);
CREATE INDEX subjects_heading ON subjects (heading_norm, record_id);
CREATE INDEX citations_source_number ON citations (source_norm, number_norm, record_id);
CREATE INDEX citations_number ON citations (number_norm, record_id);
CREATE INDEX genres_term ON genres (term_norm, record_id);
CREATE INDEX holdings_shelfmark ON holdings (shelfmark_norm, record_id);
