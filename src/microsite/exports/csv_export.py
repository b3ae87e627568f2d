"""The CSV export, written so that a double click opens it correctly in Excel.

- UTF-8 with a byte order mark: Excel otherwise reads the file as Windows-1252.
- The separator follows the language's number format, as Windows' list separator does: ``;``
  where the decimal sign is a comma (German), ``,`` elsewhere (English). No ``sep=`` line: with
  it Excel ignores the byte order mark.
- Dates in ISO 8601 (``2024-09-20``, or ``2024-09`` where only the month is known); amounts
  without thousands separators and with the language's decimal sign.
- Records separated by CRLF (RFC 4180); several values in one cell joined by `` | ``.
- Text starting with ``=``, ``+``, ``-`` or ``@`` gets a leading apostrophe, so that no cell is
  run as a formula.
"""

from __future__ import annotations

import csv
import io

from babel.numbers import get_decimal_symbol

from microsite.exports.records import record_data, sorted_records
from microsite.site import SiteData

COLUMNS = (
    "id", "url", "kind", "status", "title", "summary", "target_group", "period_start",
    "period_end", "funding_amount", "funding_currency", "funders", "providers", "partners",
    "languages", "multilingual", "results", "links", "contact_email", "contact_phone",
    "source_date", "updated", "description",
)
JOIN = " | "
FORMULA_STARTS = ("=", "+", "-", "@")


def separator(locale: str) -> str:
    return ";" if get_decimal_symbol(locale) == "," else ","


def _number(value: float | int | None, locale: str) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return repr(value).replace(".", get_decimal_symbol(locale))
    return str(int(value))


def _text(value: str | None) -> str:
    if not value:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


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
        "updated": data["updated"] or "",
        "description": _text(data["description"]),
    }
    return [values[column] for column in COLUMNS]


def records_csv(site: SiteData, lang: str, site_url: str) -> bytes:
    locale = site.settings.locales.get(lang, lang)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=separator(locale), quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in sorted_records(site):
        writer.writerow(_row(record_data(site, record, lang, site_url), locale))
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
