"""Schema patterns matched on the whole value, as JSON Schema means them.

A JSON Schema ``pattern`` is an ECMA-262 regular expression, where ``$`` ends the text. Python's
``re`` also lets ``$`` match before a final line feed, so ``"jobpilot-360\\n"`` passed the id
pattern (and became a folder name ending in a line feed) while the compiled validator, whose
regular expressions follow ECMA here, rejected it. The validators below read a final ``$`` as
``\\Z``, the end of the text, so both validators and the editor's VS Code agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import ValidationError


@lru_cache(maxsize=64)
def whole_value(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled so that a final ``$`` means the end of the text."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(validator: Any, pattern: str, instance: Any,
             schema: dict) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not whole_value(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def whole_value_validator(base: Any) -> Any:
    """A jsonschema validator class like ``base`` whose ``pattern`` matches whole values."""
    return validators.extend(base, {"pattern": _pattern})
