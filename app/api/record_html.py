"""The record page's HTML: ``app/web/record.html`` filled from a ``RecordPage``.

Every value is escaped here, and carries ``dir="auto"`` so Hebrew and Arabic read right to
left beside Latin script. Only web addresses became links (``records.view``).
"""

from __future__ import annotations

from functools import cache
from html import escape
from string import Template

from app.api.web import WEB_DIR
from scripts.records.view import RecordPage, TaggedField, Value

BLANK = "␢"  # how catalogues show a blank indicator


@cache
def _template() -> Template:
    return Template((WEB_DIR / "record.html").read_text(encoding="utf-8"))


def render(page: RecordPage) -> str:
    """The whole page."""
    sections = "\n".join(
        f"    <dt>{escape(s.label)}</dt>\n"
        + "\n".join(f"    <dd>{_value(v)}</dd>" for v in s.values)
        for s in page.sections
    )
    fields = "\n".join(
        _field(f) for f in [TaggedField(tag="LDR", data=page.marc.leader), *page.marc.fields]
    )
    return _template().substitute(
        title=escape(page.title),
        marcxml=escape(page.downloads["marcxml"]),
        marc21=escape(page.downloads["marc21"]),
        sections=sections,
        fields=fields,
    )


def _value(value: Value) -> str:
    text = escape(value.text)
    if value.url:
        return f'<a href="{escape(value.url)}" rel="noopener noreferrer" dir="auto">{text}</a>'
    return f'<span dir="auto">{text}</span>'


def _field(field: TaggedField) -> str:
    tag = f'<th scope="row">{escape(field.tag)}</th>'
    if field.data is not None:
        return f'        <tr>{tag}<td></td><td dir="auto">{escape(field.data)}</td></tr>'
    indicators = "".join(BLANK if i in (None, " ") else escape(i) for i in (field.ind1, field.ind2))
    content = " ".join(
        f'<span class="code">${escape(s.code)}</span> <span dir="auto">{escape(s.value)}</span>'
        for s in field.subfields
    )
    return f"        <tr>{tag}<td>{indicators}</td><td>{content}</td></tr>"
