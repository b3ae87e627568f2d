"""Checks of single values an editor writes: texts, links, web and e-mail addresses."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from microsite.checks.collector import ProblemCollector, found
from microsite.checks.deceptive_text import host_problem, link_text_problem

# A tag in Markdown: its name followed by a space, "/", ">" or the end (also unclosed, also
# "<img/src=…>"), a comment or "<!…"/"<?…"; autolinks such as <https://…> are not tags.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?(?:>|$)|<[!?]")
# In plain text, "<" before a letter, "/", "!" or "?" is where a browser starts a tag, closing
# tag, comment or processing instruction; never needed in a title or name ("< 5" stays fine).
# Shown up to the next ">" (at most 40 characters) so the editor sees what was meant.
_PLAIN_MARKUP = re.compile(r"<[A-Za-z/!?][^<>]{0,38}>?")
EMAIL = re.compile(
    r"\A[^@\s<>\"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+\Z")

_MD_LINK = re.compile(r"\]\(\s*<?([^\s>]+)")
_MD_LINK_TEXT = re.compile(r"\[([^\[\]]+)\]\(\s*<?([^\s>]+)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
# a reference definition "[name]: target" on its own line
_MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.M)
# "{{ site.x.y }}" or "{% … %}" pasted from a page or template: never filled in record texts
_TEMPLATE_MARKER = re.compile(r"\{\{.{0,40}?(?:\}\}|$)|\{%.{0,40}?(?:%\}|$)|\{\{|\{%", re.M)
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,}|xn--[a-z0-9-]+)$")


def is_email(text: str) -> bool:
    """An e-mail address as the pages link it (``mailto:``): one ``@`` and a domain."""
    return email_problem(text) is None


def email_problem(text: str) -> str | None:
    """Why ``text`` is no plain e-mail address, as a message code, or None.

    ``?`` and ``&`` would turn the ``mailto:`` link into one with hidden additions, such as
    ``info@stadt.de?bcc=…`` sending a copy elsewhere.
    """
    if "?" in text or "&" in text:
        return "email_parameters"
    return None if EMAIL.search(text) else "bad_email"


def check_text(value: Any, path: list, out: ProblemCollector, *, markdown: bool) -> None:
    if not isinstance(value, str):
        return
    tag = (_HTML_TAG if markdown else _PLAIN_MARKUP).search(value)
    if tag:
        at = out.doc.position_in_text(tuple(path), tag.start(), tag.group(0))
        out.add(path, "raw_html" if markdown else "markup_in_plain", at=at,
                found=found(tag.group(0)))
    marker = _TEMPLATE_MARKER.search(value)
    if marker:
        at = out.doc.position_in_text(tuple(path), marker.start(), marker.group(0)[:2])
        out.add(path, "template_marker", at=at, found=found(marker.group(0).strip()))
    if markdown:
        for match in [*_MD_LINK.finditer(value), *_AUTOLINK.finditer(value),
                      *_MD_REFERENCE.finditer(value)]:
            url = _link_target(match.group(1))
            code = _link_problem(url)
            if code is not None:
                at = out.doc.position_in_text(tuple(path), match.start(1), url)
                out.add(path, code, at=at, found=found(url))
        for match in _MD_LINK_TEXT.finditer(value):
            text, url = match.group(1), _link_target(match.group(2))
            if link_text_problem(text, url):
                at = out.doc.position_in_text(tuple(path), match.start(1), text)
                out.add(path, "link_text_other_host", at=at, found=found(text.strip()),
                        host=found(url_host(url)))


def _link_problem(url: str) -> str | None:
    """Why a link target in Markdown cannot be published, as a message code, or None.

    Only complete addresses work: the site is served under a subpath, so "/impressum/" or
    "kontakt.md" would lead nowhere.
    """
    if url.lower().startswith("mailto:"):
        return email_problem(url[len("mailto:"):])
    return _web_url_problem(url)


def _web_url_problem(url: str) -> str | None:
    """None for an http(s) address with a host; else the message code that explains it."""
    scheme = url.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) else ""
    if not scheme:
        return "relative_link"
    if scheme not in ("http", "https"):
        return "bad_url"
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return "url_without_host"
    if "@" in url.split("//", 1)[-1].split("/", 1)[0]:
        return "url_userinfo"  # before the host check: "a.de@" would pass as a host
    if not url[len(scheme):].startswith("://") or not host or not _HOST.match(host) \
            or re.search(r"\s", url):
        return "url_without_host"
    return host_problem(url)


def url_host(url: str) -> str:
    try:
        return urlsplit(url.strip()).hostname or url
    except ValueError:
        return url


def _link_target(text: str) -> str:
    """The target of ``[text](target)``: up to the parenthesis that closes the link."""
    depth = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return text[:i]
    return text


def check_url(value: Any, path: list, out: ProblemCollector) -> None:
    code = _web_url_problem(value) if isinstance(value, str) else None
    if code is not None:
        out.add(path, "bad_url" if code == "relative_link" else code, found=found(value))




def home_page_problem(url: str) -> str | None:
    """None for an https address of a home page (no path beyond "/", no query, no fragment,
    no user or port); an organisation is linked only there, where the address is certain."""
    if _web_url_problem(url) is not None:
        return _web_url_problem(url)
    parts = urlsplit(url)
    if (parts.scheme.lower() != "https" or parts.path not in ("", "/") or parts.query
            or parts.fragment or "@" in parts.netloc or parts.port is not None
            or url.endswith(("?", "#"))):
        return "org_url_not_home"
    return None


def check_home_page(value: Any, path: list, out: ProblemCollector) -> None:
    """An organisation's web address: its home page only (see ``home_page_problem``)."""
    code = home_page_problem(value) if isinstance(value, str) else None
    if code is not None:
        out.add(path, "bad_url" if code == "relative_link" else code, found=found(value))


def link_problem(url: str) -> str | None:
    """Why a link could not be published (a message code), or None: the rule ``check``
    applies to every link in the data, for tests of the built site."""
    return _link_problem(url)
