"""The data layer works without MkDocs, so a move off Material (end of life May 2027) only
touches ``microsite.mkdocs_plugin``."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

from sitebuild import REPO

PROBE = """
import importlib, pkgutil, sys
sys.modules["mkdocs"] = None  # any import of MkDocs now fails
sys.modules["material"] = None
sys.modules["mkdocs_static_i18n"] = None
import microsite
names = [m.name for m in pkgutil.walk_packages(microsite.__path__, "microsite.")
         if not m.name.startswith("microsite.mkdocs_plugin")]
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_data_layer_imports_without_mkdocs() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 20  # every module of the data layer was imported


def test_the_glue_is_the_only_mkdocs_package() -> None:
    import microsite

    packages = {m.name for m in pkgutil.iter_modules(microsite.__path__) if m.ispkg}
    assert packages == {"exports", "mkdocs_plugin"}
