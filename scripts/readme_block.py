"""Write a generated block between two markers of README.md (``<!-- name:start -->`` …
``<!-- name:end -->``), leaving the text around it as it is."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def replace_block(name: str, text: str, indent: str = "", readme: Path = README) -> None:
    """``text`` between the markers of ``name``; ``indent`` before the end marker (a block
    inside a list item)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    content = readme.read_text(encoding="utf-8")
    if start not in content or end not in content:
        raise SystemExit(f"{readme.name} has no {start} … {end} section")
    before, rest = content.split(start, 1)
    after = rest.split(end, 1)[1]
    readme.write_text(f"{before}{start}\n{text}\n{indent}{end}{after}", encoding="utf-8")
