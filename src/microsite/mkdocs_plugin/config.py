"""Options of the ``microsite`` plugin in ``mkdocs.yml``: those of ``MicrositeOptions``
(``microsite.render.project``, where each is documented), declared for MkDocs."""

from __future__ import annotations

import dataclasses

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from microsite.render.project import MicrositeOptions, option_type


def _option(field: dataclasses.Field) -> opt.BaseConfigOption:
    default = (field.default_factory() if field.default_factory is not dataclasses.MISSING
               else field.default)
    kind = option_type(field)
    return opt.Optional(opt.Type(kind)) if default is None else opt.Type(kind, default=default)


MicrositeConfig = type("MicrositeConfig", (Config,), {
    field.name: _option(field) for field in dataclasses.fields(MicrositeOptions)})
