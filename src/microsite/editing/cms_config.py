"""The browser editor's configuration (Decap CMS), generated from the schema.

Every field of a record comes from ``schema.py`` with the same required fields, patterns and
limits as ``microsite check``; the German label and help text of each field come from the
table "Felder im Formular" in ``guide/formular-felder.md``, the names of kinds and statuses from
``data/ui/<default language>.yaml``, and a pattern's message from the message ``check`` gives.
``admin/config.yml`` is written from here (``microsite cms-config``); a test keeps the two in
sync, and the build writes a fresh copy into ``site/admin/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from microsite.checks.problems import MESSAGES
from microsite.checks.record_rules import PATTERN_CODES
from microsite.checks.text_checks import EMAIL
from microsite.data.schema import DATE, DATE_OR_MONTH, projects_schema
from microsite.render.formatting import language_name

NO_LOGIN_PAGE = "admin/anmeldung.html"
FORMAT_NAME = "microsite-yaml"  # the save format registered by admin/microsite-format.js
GUIDE_TABLE = "### Felder im Formular"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$"
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|\s*$")
# text fields shown as a text area rather than one line
_LONG_TEXT = ("summary", "target_group", "label", "how_to_take_part")
# Kept in the file but not shown: a translation's review is a step (``./dev review``), not a
# field of fingerprints, and a title's language is set once by whoever names the programme.
# The form keeps what it does not show (admin/microsite-format.js reads and writes it).
# groups whose cross-field rules admin/microsite-checks.js runs, in check's words
RULE_WIDGETS = {("period",): "microsite-period", ("texts",): "microsite-texts"}
NOT_IN_FORM = frozenset({"reviewed", "title_lang"})
# A whole number as people write it: 50000, 50.000, 50 000, 50.000 €; the form stores 50000.
WHOLE_NUMBER = r"^\s*\d{1,3}([.\s\u00a0\u202f]\d{3})+\s*(€|EUR)?\s*$|^\s*\d+\s*(€|EUR)?\s*$"


class GuideError(ValueError):
    """The guide's field table is missing or lacks a field."""


@dataclass(frozen=True)
class Settings:
    """Where the editor saves: the GitHub repository, its branch and the login service."""

    repo: str
    branch: str
    auth_url: str
    site_url: str


def read_settings(path: Path) -> Settings:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return Settings(repo=str(data["repo"]), branch=str(data.get("branch", "main")),
                    auth_url=str(data.get("auth_url") or ""),
                    site_url=str(data.get("site_url") or ""))


def read_guide_labels(guide: Path) -> dict[str, tuple[str, str]]:
    """``path -> (label, help text)`` from the guide's table "Felder im Formular"."""
    text = Path(guide).read_text(encoding="utf-8")
    if GUIDE_TABLE not in text:
        raise GuideError(f"{guide}: the table under “{GUIDE_TABLE}” is missing")
    labels: dict[str, tuple[str, str]] = {}
    for line in text.split(GUIDE_TABLE, 1)[1].splitlines()[1:]:
        if line.startswith("#"):
            break
        match = _ROW.match(line)
        if match:
            labels[match.group(1)] = (match.group(2).strip(), match.group(3).strip())
    return labels


def _pattern_message(code: str) -> str:
    """The German message ``check`` gives for a value, as the form shows it."""
    return "Das " + MESSAGES[code]["de"].replace("„{found}“ ", "", 1)


class _Builder:
    def __init__(self, labels: dict[str, tuple[str, str]], languages: tuple[str, ...],
                 phrases: dict[str, str]) -> None:
        self.labels = labels
        self.languages = languages
        self.phrases = phrases
        self.used: set[str] = set()

    def describe(self, path: tuple[str, ...]) -> tuple[str, str]:
        """Label and help text: the most specific row of the guide's table."""
        for n in range(len(path)):
            key = ".".join(path[n:])
            if key in self.labels:
                self.used.add(key)
                return self.labels[key]
        raise GuideError(f"the guide's table “{GUIDE_TABLE}” has no row for "
                         f"`{'.'.join(path)}`")

    def field(self, name: str, schema: dict[str, Any], path: tuple[str, ...],
              required: bool) -> dict[str, Any]:
        label, hint = self.describe(path)
        field: dict[str, Any] = {"name": name, "label": label}
        if hint:
            field["hint"] = hint
        field["required"] = required
        field.update(self.widget(name, schema, path, required))
        if path in RULE_WIDGETS:
            field["widget"] = RULE_WIDGETS[path]
        return field

    def language_fields(self, schema: dict[str, Any], path: tuple[str, ...],
                        required: bool, *, translated_name: bool = False) -> list[dict]:
        """One field per site language; the default language required where the group is."""
        fields = []
        for n, lang in enumerate(self.languages):
            sub = (*path, lang)
            if translated_name and n:
                label, hint = self.describe((*path, "translated"))
                label = f"{language_name(lang, 'de')}: {label}"
            else:
                label, hint = language_name(lang, "de"), ""
            field: dict[str, Any] = {"name": lang, "label": label}
            if hint:
                field["hint"] = hint
            field["required"] = required and n == 0
            field.update(self.widget(lang, schema, sub, required and n == 0))
            fields.append(field)
        return fields

    def widget(self, name: str, schema: dict[str, Any], path: tuple[str, ...],
               required: bool) -> dict[str, Any]:
        if "oneOf" in schema:
            return self.union(schema, path, required)
        if "enum" in schema:
            kind = "kind" if name == "kind" else "status"
            return {"widget": "select",
                    "options": [{"label": self.phrases.get(f"{kind}.{v}", v), "value": v}
                                for v in schema["enum"]]}
        if schema.get("type") == "object":
            return self.object(schema, path, required)
        if schema.get("type") == "array":
            return self.array(name, schema, path)
        if schema.get("type") == "boolean":
            return {"widget": "boolean", "default": False}
        if schema.get("type") == "integer":
            # a text field read by admin/microsite-format.js: Decap's number field reads
            # "50.000" as 50; "50,5" or "fünfzig" get check's message
            code = "amount_whole_euros" if name == "amount" else "whole_number"
            return {"widget": "string", "pattern": [WHOLE_NUMBER, _pattern_message(code)]}
        return self.text(name, schema)

    def text(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        pattern = schema.get("pattern")
        if pattern == DATE:
            widget: dict[str, Any] = {"widget": "datetime", "format": "YYYY-MM-DD",
                                      "date_format": "DD.MM.YYYY", "time_format": False}
        elif pattern == DATE_OR_MONTH:  # a month or a day: admin/microsite-date.js
            widget = {"widget": "microsite-date"}
        elif name == "description":
            widget = {"widget": "markdown", "modes": ["raw"], "sanitize_preview": True}
        else:
            widget = {"widget": "text" if name in _LONG_TEXT else "string"}
        if pattern:
            widget["pattern"] = [pattern, _pattern_message(PATTERN_CODES.get(pattern,
                                                                             "invalid"))]
        elif schema.get("format") == "uri":
            widget["pattern"] = [URL_PATTERN, _pattern_message("bad_url")]
        elif schema.get("format") == "email":
            # JavaScript's RegExp knows ^ and $, not Python's \A and \Z
            email = EMAIL.pattern.replace("\\A", "^").replace("\\Z", "$")
            widget["pattern"] = [email, _pattern_message("bad_email")]
        return widget

    def union(self, schema: dict[str, Any], path: tuple[str, ...],
              required: bool) -> dict[str, Any]:
        """A name in every language or translated; "pending" or a review: shown as groups
        (admin/microsite-format.js turns them back into the stored shape)."""
        options = schema["oneOf"]
        text = next((o for o in options if o.get("type") == "string"), None)
        words = next((o for o in options if "enum" in o), None)
        group = next(o for o in options if o.get("type") == "object")
        if text is not None:
            return {"widget": "object", "collapsed": False,
                    "fields": self.language_fields(text, path, required, translated_name=True)}
        assert words is not None
        fields = [self.field(word, {"type": "boolean"}, (*path, word), False)
                  for word in words["enum"]]
        fields += [self.field(key, sub, (*path, key), False)
                   for key, sub in group["properties"].items() if key not in NOT_IN_FORM]
        return {"widget": "object", "collapsed": True, "fields": fields}

    def object(self, schema: dict[str, Any], path: tuple[str, ...],
               required: bool) -> dict[str, Any]:
        extra = schema.get("additionalProperties")
        names = schema.get("propertyNames", {}).get("enum")
        if "properties" in schema:
            needed = set(schema.get("required", ()))
            fields = [self.field(key, sub, (*path, key), required and key in needed)
                      for key, sub in schema["properties"].items() if key not in NOT_IN_FORM]
        elif names and isinstance(extra, dict):  # fingerprints per text field
            _, hint = self.describe((*path, "item"))
            fields = [{"name": key, "label": self.describe((key,))[0], "hint": hint,
                       "required": False, **self.text(key, extra)} for key in names]
        elif isinstance(extra, dict) and extra.get("type") == "string":
            fields = self.language_fields(extra, path, required)
        elif path[-1] == "translation":
            langs = self.languages[1:]  # the default language is never pending
            fields = [{"name": lang, "label": language_name(lang, "de"), "required": False,
                       **self.widget(lang, extra, (*path, lang), False)} for lang in langs]
        else:  # texts: one group per language, German beside the others (admin/admin.css)
            # German and English "required": the English side is not "(freiwillig)"; whether it
            # may be empty is check's rule (admin/microsite-checks.js). Further languages are
            # optional and closed: the editor opens the one to edit.
            fields = [{"name": lang, "label": language_name(lang, "de"),
                       "required": required and n <= 1,
                       **self.object(extra, (*path,), required and n == 0),
                       **({"collapsed": True} if n > 1 else {})}
                      for n, lang in enumerate(self.languages)]
        return {"widget": "object", "collapsed": path[-1] not in ("texts",), "fields": fields}

    def array(self, name: str, schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
        items = schema.get("items", {})
        widget: dict[str, Any] = {"widget": "list", "collapsed": True}
        if "properties" in items:
            needed = set(items.get("required", ()))
            widget["fields"] = [self.field(key, sub, (*path, key), key in needed)
                                for key, sub in items["properties"].items()]
            # the collapsed item shows its required fields, texts in the default language
            parts = []
            # a source (nothing required) shows its title and date
            named = [k for k in ("title", "date") if k in items["properties"]]
            shown = items.get("required", ()) or (named if len(named) == 2 else
                                                   list(items["properties"])[:1])
            for key in shown:
                sub = items["properties"][key]
                translated = "oneOf" in sub or "propertyNames" in sub
                parts.append("{{fields." + key + (f".{self.languages[0]}" if translated
                                                  else "") + "}}")
            widget["summary"] = " ".join(parts)
        else:
            item_label, _ = self.describe((*path, "item"))
            widget["field"] = {"name": "item", "label": item_label,
                               **self.widget("item", items, (*path, "item"), True)}
        if schema.get("minItems"):
            widget["min"] = schema["minItems"]
        return widget


def cms_config(settings: Settings, languages: tuple[str, ...],
               labels: dict[str, tuple[str, str]], phrases: dict[str, str]) -> dict[str, Any]:
    """The whole Decap CMS configuration."""
    schema = projects_schema()
    builder = _Builder(labels, languages, phrases)
    record = schema["properties"]["records"]["items"]
    needed = set(record["required"])
    record_fields = [builder.field(key, sub, (key,), key in needed)
                     for key, sub in record["properties"].items()]
    title, hint = builder.describe(("records",))
    backend: dict[str, Any] = {"name": "github", "repo": settings.repo, "branch": settings.branch,
                               "squash_merges": True, "cms_label_prefix": "redaktion/",
                               # issue 16: the least scope that works for a public repository
                               # (Decap asks for "repo", every private repository too, otherwise)
                               "auth_scope": "public_repo"}
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    elif settings.site_url:
        # no login service yet: the login window opens our own page that says so, rather than
        # Decap's default (a third-party service)
        site = urlsplit(settings.site_url)
        backend["base_url"] = f"{site.scheme}://{site.netloc}"
        backend["auth_endpoint"] = site.path.lstrip("/") + NO_LOGIN_PAGE
    config: dict[str, Any] = {
        "backend": backend,
        # issue 16: no local backend in the published page (it would ask whatever listens on
        # localhost:8081); ./dev edit adds its own, on its own origin (cms_local.py)
        "publish_mode": "editorial_workflow",
        "locale": "de",
        # issue 16: no uploads. Decap needs a media library; this one (admin/no-uploads.js)
        # stores nothing and shows no "Medien" button
        "media_library": {"name": "keine-uploads"},
        "site_url": settings.site_url,
        "display_url": settings.site_url,
        "logo_url": "",
        "search": False,
        "show_preview_links": False,
        "collections": [{
            "name": "records",
            "label": title,
            "description": hint,
            "delete": False,
            "editor": {"preview": True},
            "format": FORMAT_NAME,  # Decap reads the format from the collection, not the file
            "files": [{
                "name": "projects",
                "label": title,
                "file": "data/projects.yaml",
                "fields": [
                    {"name": "format", "label": "Formatversion", "widget": "hidden",
                     "default": schema["properties"]["format"]["const"]},
                    {"name": "records", "label": title, "label_singular": "Eintrag",
                     "widget": "list", "collapsed": True, "required": True,
                     "summary": "{{fields.texts." + languages[0] + ".title}} ({{fields.id}})",
                     "fields": record_fields},
                ],
            }],
        }],
    }
    if not settings.site_url:
        del config["site_url"], config["display_url"]
    del config["logo_url"]
    return config


def config_yaml(config: dict[str, Any]) -> str:
    header = ("# Generated by `microsite cms-config` from "
              "src/microsite/data/schema.py and the table\n"
              "# “Felder im Formular” in guide/formular-felder.md. Do not edit: change those\n"
              "# and run\n"
              "#   microsite cms-config -o admin/config.yml\n")
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
