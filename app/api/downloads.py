"""Headers of a download: a safe file name in ``Content-Disposition`` (RFC 6266)."""

from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def attachment(stem: str, extension: str) -> dict[str, str]:
    """``Content-Disposition: attachment`` naming ``stem.extension``: an ASCII name for every
    client, and the name as given (``filename*``) for those that read UTF-8."""
    plain = _UNSAFE.sub("_", stem).strip("._") or "download"
    given = quote(f"{stem}.{extension}", safe="")
    return {
        "Content-Disposition": f"attachment; filename=\"{plain}.{extension}\"; filename*=UTF-8''{given}"
    }
