"""Stage 6, building: compose stages 1-5 over a corpus (chunks, workers, the cache, shards) and write the output.

The package is also the API call ``kg.build(inputs, out, **options)``: Python binds the
name ``kg.build`` to this package as soon as any ``kg.build.*`` module is imported, so a
function of that name in ``kg/__init__.py`` would be replaced by it; a callable package
gives the one name one meaning.
"""

from __future__ import annotations

import os
import sys
import types
from collections.abc import Iterable
from typing import Any


class _BuildPackage(types.ModuleType):
    def __call__(
        self,
        inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
        out: str | os.PathLike[str],
        **options: Any,
    ):
        """Build the knowledge graph of ``inputs`` into the directory ``out``; returns the report.

        ``inputs`` is one path or a list of files, directories or ``-`` (stdin), as for
        ``kg build``. ``options`` are the fields of :class:`kg.build.options.BuildOptions`
        (``model``, ``jobs``, ``min_confidence``, ``use_cache``, ``infer`` ...) and the
        callbacks ``on_skip``, ``on_warning`` and ``progress`` of :func:`kg.build.pipeline.build`.
        """
        from dataclasses import fields
        from pathlib import Path

        from kg.build.options import BuildOptions
        from kg.build.pipeline import build

        names = {f.name for f in fields(BuildOptions)}
        settings = {k: v for k, v in options.items() if k in names}
        callbacks = {k: v for k, v in options.items() if k not in names}
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        return build(inputs, Path(out), BuildOptions(**settings), **callbacks)


sys.modules[__name__].__class__ = _BuildPackage
