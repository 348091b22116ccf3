"""A catalogue record's page: ``GET /records/{id}`` (HTML, or JSON for ``Accept:
application/json``), and the record as MARCXML (``.xml``) or MARC 21 (``.mrc``).

The catalogue is public, so these routes need no bearer token; in local mode they still
answer only this machine, like every route (``auth.catalogue_reader``). An unknown id is 404
in the API's error shape.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import HTMLResponse

from app.api.auth import catalogue_reader
from app.api.downloads import attachment
from app.api.negotiation import HTML, JSON, VARY, wants_json
from app.api.record_html import render
from app.api.schemas import ErrorBody
from app.api.services import AppServices
from scripts.marc.whole_record import marc21, marcxml_collection
from scripts.records.load import get_record
from scripts.records.view import RecordPage, record_page

MARCXML = "application/marcxml+xml"
MARC21 = "application/marc"

router = APIRouter(
    prefix="/records",
    tags=["records"],
    dependencies=[Depends(catalogue_reader)],
    responses={404: {"model": ErrorBody, "description": "No record with this id."}},
)
RecordId = Annotated[str, Path(min_length=1, max_length=200, examples=["cph000027"])]


@router.get(
    "/{record_id}.xml", response_class=Response, responses={200: {"content": {MARCXML: {}}}}
)
def record_marcxml(record_id: RecordId, services: AppServices) -> Response:
    """The record as a MARCXML collection of one."""
    record = get_record(record_id, services.settings.index_db, marc=True)
    body = marcxml_collection([record["marc"]])
    return Response(body, media_type=MARCXML, headers=attachment(record_id, "xml"))


@router.get("/{record_id}.mrc", response_class=Response, responses={200: {"content": {MARC21: {}}}})
def record_marc21(record_id: RecordId, services: AppServices) -> Response:
    """The record in MARC 21 transmission format (ISO 2709), UTF-8."""
    record = get_record(record_id, services.settings.index_db, marc=True)
    return Response(
        marc21(record["marc"]),
        media_type=MARC21,
        headers=attachment(record_id, "mrc"),
    )


@router.get(
    "/{record_id}",
    response_model=RecordPage,
    responses={
        200: {
            "content": {HTML: {}, JSON: {}},
            "description": "The page, or with Accept: application/json its content.",
        }
    },
)
def record(
    record_id: RecordId, request: Request, response: Response, services: AppServices
) -> RecordPage | HTMLResponse:
    """The record in a reader's words, its tagged MARC view, and its downloads."""
    page = record_page(get_record(record_id, services.settings.index_db, marc=True))
    if not wants_json(request):
        return HTMLResponse(render(page), headers=VARY)
    response.headers.update(VARY)
    return page
