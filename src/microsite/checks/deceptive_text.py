"""Text that looks like something it is not: look-alike letters from another script inside a
word, web addresses that lead elsewhere than they seem (a user name before the host, a host in
mixed scripts or not in punycode), and link text that is a web address of another host.

Each function returns a message code of ``problems.py`` (or None); ``text_checks`` and
``record_rules`` say where.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

# a web address written as link text: optional scheme, host with a dot, optional path
_ADDRESS_TEXT = re.compile(
    r"\A\s*(?:https?://)?((?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,})(?:[:/?#]\S*)?\s*\Z", re.I)
_WORD = re.compile(r"[^\W\d_]+")
# scripts whose letters look alike (Latin a, Cyrillic а, Greek α)
_CONFUSABLE_SCRIPTS = {"LATIN", "CYRILLIC", "GREEK"}


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


@functools.lru_cache(maxsize=65536)  # titles and names repeat across languages and records
def _mixes_scripts(word: str) -> bool:
    return len({_script(c) for c in word if c.isalpha()} & _CONFUSABLE_SCRIPTS) > 1


def mixed_script_word(text: str) -> str | None:
    """The first word mixing Latin, Cyrillic or Greek letters (``Jоbpilot`` with a Cyrillic
    о), or None."""
    if text.isascii():
        return None
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        if _mixes_scripts(word):
            return word
    return None


def host_problem(url: str) -> str | None:
    """Why the host part of an http(s) address deceives, as a message code, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except ValueError:
        return None  # the address check says what is wrong
    if "@" in parts.netloc:
        return "url_userinfo"
    if not host.isascii():
        return "url_host_not_punycode"
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                decoded = label.encode("ascii").decode("idna")
            except UnicodeError:
                return "url_host_not_punycode"
            if mixed_script_word(decoded):
                return "url_host_mixed_script"
    return None


def _bare_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def link_text_problem(text: str, url: str) -> str | None:
    """``link_text_other_host`` when ``text`` is a web address whose host is not the host
    ``url`` leads to (``[www.hannover.de](https://evil.example/)``), else None."""
    shown = _ADDRESS_TEXT.match(text)
    if shown is None:
        return None
    try:
        target = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return "link_text_other_host" if _bare_host(shown.group(1)) != _bare_host(target) else None
