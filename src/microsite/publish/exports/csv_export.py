"""The CSV export, written so that a double click opens it correctly in Excel.

- UTF-8 with a byte order mark: Excel otherwise reads the file as Windows-1252.
- The separator follows the language's number format, as Windows' list separator does: ``;``
  where the decimal sign is a comma (German), ``,`` elsewhere (English). No ``sep=`` line: with
  it Excel ignores the byte order mark.
- Dates in ISO 8601 (``2024-09-20``, or ``2024-09`` where only the month is known); amounts
  without thousands separators and with the language's decimal sign.
- Records separated by CRLF (RFC 4180); several values in one cell joined by `` | ``.
- No cell runs as a formula (``guard_cell``): every cell whose text a spreadsheet would read as
  one – starting with ``=``, ``+``, ``-`` or ``@`` (also their full-width forms), also after
  leading spaces, tabs or line breaks, or starting with a tab or carriage return – gets a
  leading apostrophe. Two kinds of text stay as written, because they cannot call anything: a
  phone number with a space or parenthesis (``+49 511 …``: digits, spaces and ``+ - / ( ) .``;
  without one, ``+49-511-168`` is a sum a spreadsheet computes, so it is guarded). And a
  Markdown column
  starting with a ``-`` or ``+`` list writes that list with ``*``, the same list in Markdown.
"""

from __future__ import annotations

import csv
import io
import re

from babel.numbers import get_decimal_symbol

from microsite.publish.exports.records import record_data, sorted_records
from microsite.render.site import SiteData

COLUMNS = (
    "id", "url", "kind", "status", "title", "summary", "target_group", "period_start",
    "period_end", "funding_amount", "funding_currency", "funders", "providers", "partners",
    "languages", "multilingual", "results", "links", "contact_email", "contact_phone",
    "source_date", "updated", "description", "status_date", "status_source",
)
JOIN = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_SKIPPED_BEFORE_FORMULA = " \t\r\n"
# a phone number no spreadsheet computes: a space or parenthesis makes it no formula
_PHONE = re.compile(r"\A\+?[0-9][0-9 ()/.-]*[ (][0-9 ()/.-]*\Z")
_LIST_MARKER = {marker: re.compile(rf"^{re.escape(marker)}(?=[ \t])", re.M) for marker in "-+"}
MARKDOWN_COLUMNS = ("description",)


def separator(locale: str) -> str:
    return ";" if get_decimal_symbol(locale) == "," else ","


def _number(value: float | int | None, locale: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return repr(value).replace(".", get_decimal_symbol(locale))
    return str(int(value))


def guard_cell(value: str, markdown: bool = False) -> str:
    """``value`` as a cell no spreadsheet runs as a formula (see the module's docstring)."""
    if not value or _PHONE.match(value):
        return value
    if markdown and value[0] in _LIST_MARKER and value[1:2] in (" ", "\t"):
        value = _LIST_MARKER[value[0]].sub("*", value)
    if value[0] in "\t\r" or value.lstrip(_SKIPPED_BEFORE_FORMULA).startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text(value: str | None) -> str:
    return value or ""


def _names(orgs: list[dict]) -> str:
    return JOIN.join(org["name"] for org in orgs)


def _row(data: dict, locale: str) -> list[str]:
    funding = data["funding"] or {}
    contact = data["contact"] or {}
    values = {
        "id": data["id"],
        "url": data["url"],
        "kind": data["kind"],
        "status": data["status"] or "",
        "title": _text(data["title"]),
        "summary": _text(data["summary"]),
        "target_group": _text(data["target_group"]),
        "period_start": data["period"]["start"] or "",
        "period_end": data["period"]["end"] or "",
        "funding_amount": _number(funding.get("amount"), locale),
        "funding_currency": funding.get("currency") or "",
        "funders": _text(_names(funding.get("funders", []))),
        "providers": _text(_names(data["providers"])),
        "partners": _text(_names(data["partners"])),
        "languages": JOIN.join(data["languages"]),
        "multilingual": "true" if data["multilingual"] else "false",
        "results": _text(JOIN.join(f"{r['count']} {r['label']}" for r in data["results"])),
        "links": JOIN.join(link["url"] for link in data["links"]),
        "contact_email": contact.get("email") or "",
        "contact_phone": _text(contact.get("phone")),
        "source_date": data["source_date"] or "",
        "status_date": data["status_date"] or "",
        "status_source": _text(_source_line(data["status_source"])),
        "updated": data["updated"] or "",
        "description": _text(data["description"]),
    }
    return [guard_cell(values[column], column in MARKDOWN_COLUMNS) for column in COLUMNS]


def _source_line(source: dict | None) -> str:
    """A source as one cell: "Landeshauptstadt Hannover, Pressemitteilung „…“, 2024-09-20"."""
    if not source:
        return ""
    parts = [source.get("publisher"), source.get("type"), source.get("title"), source["date"],
             source.get("url")]
    return ", ".join(p for p in parts if p)


def records_csv(site: SiteData, lang: str, site_url: str) -> bytes:
    locale = site.settings.locales.get(lang, lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator(locale), quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in sorted_records(site):
        writer.writerow(_row(record_data(site, record, lang, site_url), locale))
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
