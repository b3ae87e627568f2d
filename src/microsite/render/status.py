"""Status derived from a record's dates, and the build date it is derived against."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from microsite.data.model import Kind, PartialDate, Record, Status


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


CLOCK = "clock"
"""The basis of a build date taken from the clock: no commit, no SOURCE_DATE_EPOCH."""


def resolve_build_time(
    configured: str | dt.date | None = None,
    environ: dict | None = None,
    repo_dir: str | None = None,
) -> tuple[dt.datetime, str]:
    """The moment a build compares against (UTC) and where it comes from.

    Order: ``SOURCE_DATE_EPOCH`` (CI's nightly build sets it), the configured date (for local
    builds), the commit time of the checked-out git commit – so two builds of one commit agree.
    Only a copy without git history and without either (GitHub's "Download ZIP",
    ``git archive``) falls back to the clock (basis ``clock``; the build says so in its log).
    """
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC), "SOURCE_DATE_EPOCH"
    if configured:
        day = (configured if isinstance(configured, dt.date)
               else dt.date.fromisoformat(str(configured)))
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC), "build_date"
    committed = git_commit_time(repo_dir)
    if committed is not None:
        return committed, "git"
    return dt.datetime.now(dt.UTC).replace(microsecond=0), CLOCK


def resolve_build_date(
    configured: str | dt.date | None = None,
    environ: dict | None = None,
    repo_dir: str | None = None,
) -> dt.date:
    """The date of :func:`resolve_build_time`."""
    return resolve_build_time(configured, environ, repo_dir)[0].date()


def git_commit_date(repo_dir: str | None) -> dt.date | None:
    committed = git_commit_time(repo_dir)
    return committed.date() if committed else None


def git_commit_time(repo_dir: str | None) -> dt.datetime | None:
    """The committer time (UTC) of HEAD in ``repo_dir``, or None outside a git checkout."""
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
    return dt.datetime.fromtimestamp(int(out), tz=dt.UTC)
