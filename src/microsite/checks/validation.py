"""Validation of ``projects.yaml``: every problem at once, each with file, line and field.

The work is split by reason to change: ``collector`` (where a problem lies), ``text_checks``
(single values), ``record_rules`` (the rules of a records file), ``record_building`` (model
records from valid data). This module names the entry points callers use.
Nothing here writes anything; callers decide what a failed validation means for a build.
"""

from __future__ import annotations

from microsite.checks.collector import ProblemCollector, ValidationFailed, field_path
from microsite.checks.record_building import Dataset, load_records, load_records_from_text
from microsite.checks.record_rules import (
    SiteLanguages,
    schema_errors,
    schema_problem,
    validate_document,
)
from microsite.checks.text_checks import check_text, check_url, is_email

__all__ = [
    "Dataset", "ProblemCollector", "SiteLanguages", "ValidationFailed", "check_text",
    "check_url", "field_path", "is_email", "load_records", "load_records_from_text",
    "schema_errors", "schema_problem", "validate_document",
]
