"""``./dev build``: the languages of the site built in parallel processes, merged into one folder.

mkdocs-static-i18n builds the default language and then, from its ``on_post_build``, each other
language one after another in the same process, on one core. Here every language runs in its own
process (``python -m microsite.mkdocs_plugin.parallel_build --one-language LANG build ...``):
i18n starts with that language and stops after it, while every plugin still sees all configured
languages, so language links are those of the sequential build. The merge then reproduces the
files the sequential build accumulates over its languages: the site's
``sitemap.xml`` and its gzip copy. Everything else is written by exactly one language (the root
``404.html`` by the default language, as in the sequential build).

The languages are built into a temporary folder next to the site folder, which is replaced only
when every language succeeded, by renaming (``microsite.site_swap``: the same lock and swap as
``mkdocs build``; a killed build ends its language processes and removes its folders).
The output is byte-identical to ``mkdocs build`` (proven by
``tests/test_parallel_build.py``; ``bench/benchmark.py`` measures the gain). ``mkdocs serve``
stays sequential.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from microsite.site_swap import BuildRunning, SiteSwap

_MODULE = "microsite.mkdocs_plugin.parallel_build"  # not __name__: that is "__main__" under -m
SITEMAP = Path("sitemap.xml")


@dataclass(frozen=True)
class ParallelBuild:
    wall: float  # seconds until every language is built and merged
    cpu: float  # summed user + system seconds of the language processes
    returncode: int
    output: str


def _only_language(lang: str) -> None:
    """Patch i18n so that this process builds ``lang`` alone (called before MkDocs runs)."""
    from mkdocs_static_i18n.plugin import I18n

    on_config = I18n.on_config
    on_post_build = I18n.on_post_build

    def start_with(self: I18n, config):  # type: ignore[no-untyped-def]
        if self.current_language is None:
            self.current_language = lang
        return on_config(self, config)

    def stop_after(self: I18n, config) -> None:  # type: ignore[no-untyped-def]
        self.extend_search_entries(config)

    for new, old in ((start_with, on_config), (stop_after, on_post_build)):
        if hasattr(old, "mkdocs_priority"):
            new.mkdocs_priority = old.mkdocs_priority  # type: ignore[attr-defined]
    I18n.on_config = start_with  # type: ignore[method-assign]
    I18n.on_post_build = stop_after  # type: ignore[method-assign]


def _sitemap_parts(text: str) -> tuple[str, str, str]:
    """(head up to the first entry's line, the entries, the closing tag)."""
    first = text.find("<url>")
    if first < 0:
        end = text.rindex("</urlset>")
        return text[:end], "", text[end:]
    start = text.rindex("\n", 0, first) + 1
    end = text.rindex("</urlset>")
    return text[:start], text[start:end], text[end:]


def _move_missing(source: Path, target: Path) -> None:
    """Move what ``target`` lacks from ``source`` (renames, no copying); ``target`` wins."""
    for entry in source.iterdir():
        there = target / entry.name
        if not there.exists():
            entry.rename(there)
        elif entry.is_dir() and there.is_dir():
            _move_missing(entry, there)


def _move_replacing(source: Path, target: Path) -> None:
    """Move everything from ``source`` into ``target``; ``source`` wins."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            _move_replacing(entry, there)
        else:
            if there.is_dir():
                shutil.rmtree(there)
            entry.replace(there)


def merge(parts: list[Path], target: Path, languages: tuple[str, ...]) -> None:
    """Merge per-language outputs (default language first, then build order) into ``target``.

    The parts must be on the same file system as ``target``; they are consumed. Files under a
    language's folder (``en/…``, its pages, search index and page sitemaps) come from that
    language's process; a file outside them (theme assets, root ``404.html``, ``robots.txt``,
    the default language's pages) is taken from the default language. The site's
    ``sitemap.xml`` lists every language's pages, so their entries are joined in build order.
    """
    shutil.rmtree(target, ignore_errors=True)
    sitemaps = [(p / SITEMAP).read_text(encoding="utf-8") for p in parts if (p / SITEMAP).is_file()]
    parts[0].rename(target)
    for lang, part in zip(languages[1:], parts[1:], strict=True):
        if (part / lang).is_dir():
            _move_replacing(part / lang, target / lang)
        _move_missing(part, target)
    if sitemaps:
        head, _, tail = _sitemap_parts(sitemaps[0])
        text = head + "".join(_sitemap_parts(s)[1] for s in sitemaps) + tail
        (target / SITEMAP).write_bytes(text.encode("utf-8"))
        with (target / "sitemap.xml.gz").open("wb") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(text.encode("utf-8"))


def build_languages_in_parallel(config_file: Path, site_dir: Path, languages: tuple[str, ...],
                                env: dict[str, str] | None = None,
                                extra_args: tuple[str, ...] = ()) -> ParallelBuild:
    """Build each language in its own process at once, then merge into ``site_dir``.

    ``site_dir`` is left untouched unless every language builds.
    """
    env = dict(os.environ if env is None else env)
    start = time.perf_counter()
    try:
        swap = SiteSwap(site_dir, say=lambda text: print(f"INFO    -  {text}", file=sys.stderr))
    except BuildRunning as exc:
        return ParallelBuild(time.perf_counter() - start, 0.0, 1, f"ERROR   -  {exc}\n")
    try:
        with tempfile.TemporaryDirectory(prefix=".microsite-parallel-",
                                         dir=site_dir.parent) as tmp:
            parts = [Path(tmp) / lang for lang in languages]
            logs = [Path(tmp) / f"{lang}.log" for lang in languages]
            procs: list[subprocess.Popen] = []
            cpu, failed = 0.0, None
            try:
                for lang, part, log in zip(languages, parts, logs, strict=True):
                    with log.open("w", encoding="utf-8") as out:
                        procs.append(subprocess.Popen(
                            [sys.executable, "-m", _MODULE, "--one-language", lang, "build",
                             "-f", str(config_file), "-d", str(part), *extra_args],
                            env=env, stdout=out, stderr=subprocess.STDOUT))
                for proc, log in zip(procs, logs, strict=True):
                    _, status, usage = os.wait4(proc.pid, 0)
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    cpu += usage.ru_utime + usage.ru_stime
                    if proc.returncode and failed is None:
                        failed = (proc.returncode, log.read_text(encoding="utf-8"))
            finally:
                _end(procs)  # a killed build ends its language processes too
            if failed is not None:  # every language reports the same data errors: show once
                swap.abort()
                return ParallelBuild(time.perf_counter() - start, cpu, *failed)
            output = "".join(log.read_text(encoding="utf-8") for log in logs)
            merge(parts, swap.staging, languages)
        swap.commit()
    except BaseException:
        swap.abort()
        raise
    return ParallelBuild(time.perf_counter() - start, cpu, 0, output)


def _end(procs: list[subprocess.Popen]) -> None:
    """Stop language processes still running (after an interruption) and wait for them."""
    running = [proc for proc in procs if proc.returncode is None and proc.poll() is None]
    for proc in running:
        proc.terminate()
    for proc in running:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _site_dir(config_file: Path) -> Path:
    """``site_dir`` of mkdocs.yml, relative to its folder, as MkDocs reads it."""
    from microsite.project import _TolerantLoader

    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    return config_file.parent / str(config.get("site_dir") or "site")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--one-language"]:
        _only_language(argv[1])
        from mkdocs.__main__ import cli

        sys.argv = ["mkdocs", *argv[2:]]
        cli()
        return 0
    parser = argparse.ArgumentParser(
        description="mkdocs build, each language in its own process; other options go to "
                    "mkdocs build (e.g. --strict, --quiet)")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path)
    args, mkdocs_args = parser.parse_known_args(argv)
    from microsite.project import read_project_settings

    config_file = args.config_file.resolve()
    settings, _ = read_project_settings(config_file)
    site_dir = (args.site_dir or _site_dir(config_file)).resolve()
    result = build_languages_in_parallel(config_file, site_dir, settings.languages.codes,
                                         extra_args=tuple(mkdocs_args))
    sys.stderr.write(result.output)
    if result.returncode == 0:
        print(f"INFO    -  {len(settings.languages.codes)} languages built in parallel into "
              f"{site_dir} in {result.wall:.2f} s", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
