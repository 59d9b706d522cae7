"""Evaluations of each stage on the public annotated data in ../shared/eval (see run.py)."""
