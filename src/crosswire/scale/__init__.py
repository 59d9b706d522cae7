"""Scale: analysis in worker processes on one machine (``local``), later on a cluster."""

from crosswire.scale.local import LocalPool, choose_workers

__all__ = ["LocalPool", "choose_workers"]
