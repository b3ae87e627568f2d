"""Pictures of the browser editor, taken in the same Debian Chromium and with the same local
backend the browser tests use, on a throw-away copy of the project (nothing is saved into the
working copy): the form at 1280 and at 375 pixels wide, a refused amount, the preview.

    .venv/bin/python scripts/cms_screenshots.py [--out reports/cms]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "tests" / folder) for folder in ("helpers", "editing")]

from test_cms_browser import _add_record, _fill  # noqa: E402

from cms_editor import Editor, editor  # noqa: E402
from projectcopy import copy_project  # noqa: E402


def _form_at(ed: Editor, width: int, out: Path) -> Path:
    page = ed.page
    page.set_viewport_size({"width": width, "height": 900 if width > 600 else 800})
    page.wait_for_timeout(400)
    texts = page.locator("[id^='texts-field-']").last
    texts.evaluate("element => element.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    path = out / f"cms-formular-{width}px.png"
    page.screenshot(path=path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "reports" / "cms")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp, editor(copy_project(Path(tmp) / "p")) as ed:
        page = ed.page
        ed.open_records()
        _add_record(ed, "neues-projekt")
        for width in (1280, 375):
            written.append(_form_at(ed, width, args.out))
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=args.out / "cms-kopf-375px.png")
        written.append(args.out / "cms-kopf-375px.png")
        page.set_viewport_size({"width": 1280, "height": 900})
        period = page.locator("[id^='period-field-']").last
        period.locator("[data-testid='expand-button']").first.click()
        page.locator("[id^='start-field-']").last.fill("2025-01-15")
        period.scroll_into_view_if_needed()
        path = args.out / "cms-zeitraum.png"
        page.screenshot(path=path)
        written.append(path)
        box = page.locator("[id^='funding-field-']").last
        box.locator("[data-testid='expand-button']").first.click()
        _fill(ed, "amount", "50,5")
        ed.publish()
        page.wait_for_timeout(800)
        path = args.out / "cms-betrag-abgelehnt.png"
        page.screenshot(path=path)
        written.append(path)
    for path in written:
        print(path, path.stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
