"""Status derived from a record's dates, and the build date it is derived against."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from microsite.model import Kind, PartialDate, Record, Status


def derive_status(record: Record, today: dt.date) -> Status | None:
    """A stated status wins; otherwise the period decides; without dates there is none."""
    if record.status is not None:
        return record.status
    start, end = record.period.start, effective_end(record)
    if start is None and end is None:
        return None
    if start is not None and today < start.first_day:
        return Status.PLANNED
    if end is not None and today > end.last_day:
        return Status.COMPLETED
    return Status.RUNNING


def effective_end(record: Record) -> PartialDate | None:
    """The end a record's status counts with.

    An event given only a start ends with it: a start day is a one-day event (as in the
    iCalendar export), a start month runs through that month. Other kinds without an end run on.
    """
    if record.period.end is None and record.kind is Kind.EVENT:
        return record.period.start
    return record.period.end


def resolve_build_date(
    configured: str | dt.date | None = None,
    environ: dict | None = None,
    repo_dir: str | None = None,
) -> dt.date:
    """The date a build compares against, never the wall clock.

    Order: ``SOURCE_DATE_EPOCH`` (UTC; CI's nightly build sets it), the configured date (for
    local builds), the commit date of the checked-out git commit. Without any of them, raise:
    a status taken from the clock would differ between two builds of the same commit.
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    if isinstance(configured, dt.date):
        return configured
    if configured:
        return dt.date.fromisoformat(str(configured))
    committed = git_commit_date(repo_dir)
    if committed is not None:
        return committed
    raise LookupError("no build date: set SOURCE_DATE_EPOCH or the plugin option build_date")


def git_commit_date(repo_dir: str | None) -> dt.date | None:
    """The committer date (UTC) of HEAD in ``repo_dir``, or None outside a git checkout."""
    if repo_dir is None:
        return None
    try:
        out = subprocess.run(
            ["git", "-C", repo_dir, "log", "-1", "--format=%ct"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    if not out.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(out), tz=dt.UTC).date()
