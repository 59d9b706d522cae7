"""Worker processes end when the process that started them dies.

A pool's workers are processes of their own: when their parent is killed (``kill -9``, the
OOM killer), nothing tells them, and each went on holding its models (~720 MB) until it was
killed by hand. Each worker calls ``end_with_parent`` first thing in its initializer.

On Linux the kernel kills the worker when its parent dies (``prctl(PR_SET_PDEATHSIG)``);
elsewhere a daemon thread notices that the worker was handed to another parent
(``os.getppid()`` changes) and ends the process. Workers never write the store, so dying
abruptly loses nothing the parent did not already lose.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Callable

# From <linux/prctl.h>: the signal the kernel sends this process when its parent dies.
PR_SET_PDEATHSIG = 1
# How often the portable watchdog looks at its parent: a getppid() call per second is free.
WATCH_INTERVAL = 1.0


def end_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` (its parent) dies.

    On Linux the signal comes when the *thread* that started this process ends: pools are
    started from the thread that runs the whole ingest or run, so that is the same moment.
    """
    if not _kernel_kills_us_with_parent():
        watch_parent(parent_pid)
    if os.getppid() != parent_pid:  # the parent died before we asked: no signal will come
        os._exit(1)


def _kernel_kills_us_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):  # no prctl in this C library: the watchdog does it
        return False


def watch_parent(
    parent_pid: int, interval: float = WATCH_INTERVAL, on_orphaned: Callable[[], None] | None = None
) -> threading.Thread:
    """Start a daemon thread that calls ``on_orphaned`` (default: end this process at once)
    when this process's parent is no longer ``parent_pid``."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(interval)
        (on_orphaned or _end_now)()

    thread = threading.Thread(target=watch, name="crosswire-parent-watch", daemon=True)
    thread.start()
    return thread


def _end_now() -> None:
    os._exit(1)  # not sys.exit: in a thread, that ends only the thread
