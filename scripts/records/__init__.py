"""Whole records of the index: loading them (``load``), and what readers and librarians see of
one (``view``: the reader's labels, the tagged MARC view, the record's address)."""
