"""PolNeAR for training: the splits, the gold attributions, and a parse cache under /tmp.

Splits (the rule of ``bench/eval/quotes.py``, reused, never restated):
  * ``train`` — PolNeAR train MINUS the reporting quarter (``in_reporting_split``): fitting;
  * ``dev`` — PolNeAR dev: choosing features, models and thresholds;
  * the reporting quarter is never read here.

Parsing 700 articles with spaCy is most of a training run, so the parsed Docs are kept as a
``DocBin`` in ``/tmp/crosswire-polnear-cache`` (outside the repository), keyed by the split's
file list and the spaCy model's version; a changed input parses again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.eval.quotes import POLNEAR, Gold, _gold, in_reporting_split, read_ann
from spacy.language import Language
from spacy.tokens import Doc, DocBin

CACHE = Path("/tmp/crosswire-polnear-cache")
SPLITS = ("train", "dev")


@dataclass(slots=True)
class Example:
    """One PolNeAR article: its name, text, gold attributions and its annotation file."""

    name: str
    text: str
    gold: list[Gold]
    ann: Path


def split_files(split: str) -> list[tuple[str, Path, Path]]:
    """(name, text file, annotation file) of every article of ``split``, one annotator each."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    folder = POLNEAR / split
    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        if split == "dev" or not in_reporting_split(name):
            chosen.setdefault(name, ann)
    return [(name, folder / "text" / f"{name}.txt", ann) for name, ann in sorted(chosen.items())]


def examples(split: str) -> list[Example]:
    out = []
    for name, text_file, ann in split_files(split):
        text = text_file.read_text(encoding="utf-8")
        out.append(Example(name, text, list(_gold(text, *read_ann(ann))), ann))
    return out


def files_digest(split: str) -> str:
    """sha256 of the split's file names and contents: what the manifest pins."""
    digest = hashlib.sha256()
    for _, text_file, ann in split_files(split):
        for path in (text_file, ann):
            digest.update(f"{split}/{path.parent.name}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def parsed(split: str, nlp: Language) -> Iterator[tuple[Example, Doc]]:
    """Every example of ``split`` with its Doc, parsed once and cached under /tmp."""
    items = examples(split)
    key = hashlib.sha256(f"{files_digest(split)} {nlp.meta.get('name')} {nlp.meta.get('version')}".encode())
    path = CACHE / f"{split}-{key.hexdigest()[:16]}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((e.text for e in items), batch_size=16))
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    yield from zip(items, docs, strict=True)


if __name__ == "__main__":  # warm the cache: python -m training.polnear
    from crosswire.nlp import load_nlp

    for s in SPLITS:
        print(s, sum(1 for _ in parsed(s, load_nlp())))
