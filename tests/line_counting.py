"""Work counted, not timed: the lines of Python run inside one folder while a block runs.

Tests that a stage is linear in its input compare these counts on inputs of size n and 2n; a
count does not swing with the machine's load the way wall time does.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any


class LineCounter:
    """Counts the lines run in files under ``folder`` while it is the trace function."""

    def __init__(self, folder: str) -> None:
        self.folder, self.lines = folder, 0

    def __call__(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any] | None:
        return self._line if frame.f_code.co_filename.startswith(self.folder) else None

    def _line(self, frame: FrameType, event: str, arg: Any) -> Callable[..., Any]:
        self.lines += event == "line"
        return self._line


@contextmanager
def counted_lines(folder: str) -> Iterator[LineCounter]:
    """A ``LineCounter`` for ``folder``, tracing while the block runs."""
    counter, previous = LineCounter(folder), sys.gettrace()
    sys.settrace(counter)
    try:
        yield counter
    finally:
        sys.settrace(previous)
