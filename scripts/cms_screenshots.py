"""Pictures of the browser editor for the guide (guide/img/cms-*.png), taken in the same
Debian Chromium and with the same local backend the browser tests use, on a throw-away copy
of the project (nothing is saved into the working copy).

    .venv/bin/python scripts/cms_screenshots.py [--out guide/img]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from cms_editor import editor  # noqa: E402
from projectcopy import copy_project  # noqa: E402
from test_cms_browser import _add_record  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "guide" / "img")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, editor(copy_project(Path(tmp) / "p")) as ed:
        page = ed.page
        page.set_viewport_size({"width": 1100, "height": 600})
        ed.open_records()
        page.screenshot(path=args.out / "cms-vorschau.png")
        _add_record(ed, "Neues Projekt")
        page.set_viewport_size({"width": 1700, "height": 900})
        texts = page.locator("[id^='texts-field-']").last
        texts.evaluate("element => element.scrollIntoView({block: 'start'})")
        page.mouse.wheel(0, -60)
        page.wait_for_timeout(300)
        box = texts.bounding_box()
        assert box is not None
        page.screenshot(path=args.out / "cms-formular.png", clip={
            "x": box["x"] - 10, "y": max(box["y"] - 40, 0), "width": box["width"] + 20,
            "height": 520})
        page.set_viewport_size({"width": 1200, "height": 760})
        ed.publish()
        message = page.get_by_text("ist keine gültige Kennung").first
        message.scroll_into_view_if_needed()
        box = page.locator("[id^='id-field-']").last.bounding_box()
        assert box is not None
        page.screenshot(path=args.out / "cms-fehler.png", clip={
            "x": box["x"] - 20, "y": max(box["y"] - 60, 0), "width": box["width"] + 40,
            "height": 200})
    for name in ("cms-vorschau.png", "cms-formular.png", "cms-fehler.png"):
        print(args.out / name, (args.out / name).stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
