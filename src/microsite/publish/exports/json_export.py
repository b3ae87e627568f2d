"""The JSON export: every published record with every field, versioned (``format_version``)."""

from __future__ import annotations

import json

from microsite.publish.exports.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    record_data,
    sorted_records,
)
from microsite.render.site import SiteData


def records_json(site: SiteData, lang: str, site_url: str, schema_url: str) -> bytes:
    document = {
        "$schema": schema_url,
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "language": lang,
        "build_date": site.settings.build_date.isoformat(),
        "records": [record_data(site, r, lang, site_url) for r in sorted_records(site)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False)
    return (text + "\n").encode("utf-8")
