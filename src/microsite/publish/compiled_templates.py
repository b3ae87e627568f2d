"""Compiled templates kept for the build's next language.

mkdocs-static-i18n runs MkDocs' build again for every other language, and each run gets a new
Jinja environment: every template would be compiled anew. The output is the same either way.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, each with the checksum of its source, so a changed
    template (``mkdocs serve``) is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
