"""Names a package hands out on first use (PEP 562), so importing it stays light.

A package whose public names live in heavy modules (spaCy, the store, a model) sets
``__getattr__ = names_on_first_use(__name__, {name: module})``: ``import crosswire.config`` or
one rule module of a family then loads none of them, and ``package.Name`` imports its module
the first time it is asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def names_on_first_use(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports each name from its home module."""
    namespace = sys.modules[package].__dict__

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        namespace[name] = value  # once imported, a plain attribute
        return value

    return __getattr__
