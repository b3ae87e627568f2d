"""The sample project with test records added (drafts, scheduled, dated and undated events, a
pending translation, text with markup characters): never published, shared by
``tests/checks/test_drafts_and_translations.py`` and ``tests/publish/test_open_data.py``, so
that its public site and its preview (``include_drafts``) are built once per run for both
(``shared_builds.shared_build`` keys them by content)."""

from __future__ import annotations

from pathlib import Path

import yaml

from projectcopy import copy_project


def _record(record_id: str, kind: str, **fields: object) -> dict:
    return {"id": record_id, "kind": kind, **fields, "texts": {
        "de": {"title": f"Titel {record_id}", "summary": "Zusammenfassung."},
        "en": {"title": f"Title {record_id}", "summary": "Summary."}}}


EVENT_RECORDS = [
    _record("fachtag", "event", sources=[{"date": "2026-11-01"}],
            period={"start": "2026-12-03", "end": "2026-12-04"}),
    _record("monatstreffen", "event", period={"start": "2027-02"}),
    _record("entwurf", "event", draft=True, period={"start": "2026-12-10", "end": "2026-12-10"}),
    _record("spaeter", "project", publish_from="2027-01-01"),
]
"""The open-data tests' records: a dated event, a month-only one, a draft, a scheduled one."""

DRAFT_RECORDS = """
  - id: test-entwurf
    kind: project
    draft: true
    texts:
      de: {title: Entwurfsprojekt, summary: Noch nicht freigegeben.,
          description: Geheimer Entwurfstext.}
      en: {title: Draft project, summary: Not yet approved., description: Secret draft.}
  - id: test-geplant
    kind: event
    publish_from: 2027-01-15
    texts:
      de: {title: Geplante Veranstaltung, summary: Erscheint erst im Januar.,
          description: Geheimer Ankündigungstext.}
      en: {title: Scheduled event, summary: Appears in January.,
          description: Secret announcement.}
  - id: test-faellig
    kind: event
    publish_from: 2026-11-01
    texts:
      de: {title: Fällige Veranstaltung, summary: Seit November veröffentlicht.,
          description: Öffentlicher Ankündigungstext.}
      en: {title: Due event, summary: Published since November.,
          description: Public announcement.}
  - id: test-ausstehend
    kind: service
    translation: {en: pending}
    texts:
      de:
        title: Beratung & Begleitung "vor Ort"
        summary: Für Sie & uns – 'zitiert' und 5 < 6 > 4.
        description: |
          Text mit **Betonung** und einem [Link](https://www.hannover.de/?a=1&b=2).
"""
"""The draft tests' records, as an editor writes them (quotes, ampersands, angle brackets)."""


def with_test_records(target: Path, *, preview: bool = False) -> Path:
    """The sample project with both sets of test records; ``preview`` builds drafts too."""

    def add(records: list[dict]) -> None:
        records.extend(yaml.safe_load(DRAFT_RECORDS))
        records.extend(EVENT_RECORDS)

    return copy_project(target, edit_records=add,
                        plugin_options={"include_drafts": True} if preview else None)
