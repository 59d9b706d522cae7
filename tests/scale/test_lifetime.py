"""Workers end with their parent: the kernel's parent-death signal, or the portable watchdog.

The end-to-end case (kill -9 of a real ``crosswire ingest --workers 2``) is in
tests/test_concurrency.py; these pin the two mechanisms one by one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from crosswire.scale.lifetime import watch_parent


def test_the_watchdog_calls_back_once_the_parent_is_not_the_one_it_watches() -> None:
    orphaned = threading.Event()
    watch_parent(parent_pid=-1, interval=0.01, on_orphaned=orphaned.set)  # no process has pid -1
    assert orphaned.wait(timeout=30)


def test_the_watchdog_keeps_watching_while_the_parent_lives() -> None:
    orphaned = threading.Event()
    thread = watch_parent(os.getppid(), interval=0.01, on_orphaned=orphaned.set)
    thread.join(timeout=0.2)  # some twenty looks at the parent
    assert thread.is_alive() and thread.daemon and not orphaned.is_set()


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_on_linux_the_kernel_is_asked_to_kill_the_worker_with_its_parent() -> None:
    result = _python(
        "import ctypes, os\n"
        "from crosswire.scale.lifetime import end_with_parent\n"
        "end_with_parent(os.getppid())\n"
        "signal = ctypes.c_int(0)\n"
        "ctypes.CDLL(None).prctl(2, ctypes.byref(signal), 0, 0, 0)  # PR_GET_PDEATHSIG\n"
        "print(signal.value)\n"
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == 9  # SIGKILL


def test_a_worker_whose_parent_died_before_it_started_ends_at_once() -> None:
    # The parent it was started for is not its parent any more: no signal would ever come.
    result = _python(
        "import os\n"
        "from crosswire.scale.lifetime import end_with_parent\n"
        "end_with_parent(os.getppid() + 1)\n"
        "print('still running')\n"
    )
    assert result.returncode == 1 and "still running" not in result.stdout
