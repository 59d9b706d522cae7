"""Names across scripts (issue #26 item 5): does resolution read a name in Cyrillic or Hangul
and its Latin (or other-script) spelling as one entity, and keep two close names apart?

Data: ``bench/eval/names_scripts.tsv``, pairs written by hand for this evaluation (public
figures, places, companies and invented names; none from ../shared): family, name A, name B,
same (1) or not (0), hard negatives included (relatives, one given name apart, the other
gender, a capital and its country).

TUNING: that list. It was written alongside the rules, and its errors were read while
writing them, so its figures say how the rules do on the cases they were made for. (No data
of ../shared is involved: there is no shared blind split to keep apart.)
REPORTING: ``bench/eval/names_scripts_blind.tsv``, pairs of the same kinds written after the
rules and committed before the system first ran on them; its errors are never printed.

A pair counts as "same" when ``matching.name_rule`` relates the two names strongly (the
strength that merges without further evidence): what resolution does when the context of the
two articles cannot be compared, as across languages; ``*_with_context`` count the medium
rules too (a foreign name as Russian hears it), which merge only when both articles share
context. The baseline is the exact key
(``matching.name_key``) alone, as resolution matched before this work: reported as ``ref_*``
figures, never pinned.
"""

from __future__ import annotations

from pathlib import Path

from bench.eval.common import PRF, check_split
from crosswire.resolve.matching import MEDIUM, STRONG, name_key, name_rule

NAME = "names_scripts"
TUNING = "bench/eval/names_scripts.tsv: pairs written with the rules"
REPORTING = "bench/eval/names_scripts_blind.tsv: pairs written after them, never tuned on"
PAIRS = {"tuning": Path(__file__).with_name("names_scripts.tsv"),
         "reporting": Path(__file__).with_name("names_scripts_blind.tsv")}


def read_pairs(path: Path = PAIRS["tuning"]) -> list[tuple[str, str, str, bool]]:
    """(family, name A, name B, same) of every pair in the list."""
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return [(family, a, b, same.strip() == "1") for family, a, b, same in rows]


def judged_same(a: str, b: str, family: str, strength: float = STRONG) -> bool:
    rule = name_rule(a, b, family)
    return rule is not None and rule.strength >= strength


def run(limit: int | None, split: str) -> dict[str, float]:
    pairs = read_pairs(PAIRS[check_split(split)])[:limit]
    system = _score([(judged_same(a, b, f), same) for f, a, b, same in pairs])
    medium = _score([(judged_same(a, b, f, MEDIUM), same) for f, a, b, same in pairs])
    baseline = _score([(name_key(a, f) == name_key(b, f), same) for f, a, b, same in pairs])
    return {"precision": system.precision, "recall": system.recall, "f1": system.f1,
            "precision_with_context": medium.precision, "recall_with_context": medium.recall,
            "ref_exact_key_precision": baseline.precision, "ref_exact_key_recall": baseline.recall}


def _score(judged: list[tuple[bool, bool]]) -> PRF:
    tp = sum(guess and truth for guess, truth in judged)
    fp = sum(guess and not truth for guess, truth in judged)
    fn = sum(truth and not guess for guess, truth in judged)
    return PRF.from_counts(tp, fp, fn)


def errors() -> list[tuple[str, str, str, bool]]:
    """The tuning pairs judged wrong (for the person writing the rules; never the blind ones)."""
    return [(f, a, b, same) for f, a, b, same in read_pairs() if judged_same(a, b, f) != same]


if __name__ == "__main__":
    for row in errors():
        print(*row, sep="\t")
