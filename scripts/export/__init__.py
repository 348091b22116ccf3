"""Exports: records in RIS, BibTeX, CSL-JSON, CSV and MARCXML, streamed one at a time.

``items`` says what is exported (a record, why it matched, its address) and what a citation
takes from it; one small writer per format (``ris``, ``bibtex``, ``csl_json``, ``csv_rows``,
``marcxml``) turns items into text as they come; ``formats`` names them; ``streams`` finds the
items (every match of a plan, an answer's records, a whole conversation's); ``transcript``
writes a conversation as Markdown.
"""
