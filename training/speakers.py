"""The speaker ranker's data and fit: one row per (cue, candidate), labelled from PolNeAR.

For each cue the quote stage finds (direct quotes' cues and the reported speech of
``Reading.reported``), the gold attribution is the PolNeAR event whose Content overlaps the
quote most; a candidate is right when its token lies inside that event's Source span. Cues
with no gold Source (or no gold event) are left out.

The ranker is scikit-learn's logistic regression over the candidates' feature strings,
written out as a JSON table of weights (``model.Ranker`` scores it without scikit-learn).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bench.eval.quotes import Article, Gold, _predicted, score
from spacy.tokens import Doc

from crosswire.mentions.quotes.candidates import Candidate
from crosswire.mentions.quotes.cues import Cue, cue_at
from crosswire.mentions.quotes.marks import pair_quote_marks
from crosswire.mentions.quotes.model import Ranker, Reading
from crosswire.mentions.quotes.stage import _direct_quotes, _tokens
from training.polnear import Example

SEED = 0


@dataclass(slots=True)
class CueRow:
    """A cue with its candidates, which of them are right, and the rules' choice."""

    candidates: list[Candidate]
    right: list[bool]
    rules_right: bool


def cue_rows(text: str, doc: Doc, gold: list[Gold], reading: Reading) -> list[CueRow]:
    ctx = reading.ctx
    marks = [(s, r) for s in pair_quote_marks(text) if (r := _tokens(doc, s)) is not None]
    cues: dict[int, tuple[Cue, tuple[int, int]]] = {}
    for f in _direct_quotes(ctx, marks):
        if f.cue is not None:
            cues.setdefault(f.cue.start, (f.cue, (f.start, f.end)))
    for tok, (first, end) in reading.reported():
        cue = cue_at(ctx, tok)
        cues.setdefault(cue.start, (cue, (doc[first].idx, doc[end - 1].idx + len(doc[end - 1]))))
    rows = []
    for cue, span in cues.values():
        source = _gold_source(gold, span)
        if not source:
            continue
        found = reading.candidates(cue)
        right = [_inside(c.token.idx, c.token.idx + len(c.token), source) for c in found]
        rules = cue.speaker
        rules_right = rules is not None and _inside(rules.idx, rules.idx + len(rules), source)
        rows.append(CueRow(found, right, rules_right))
    return rows


def _gold_source(gold: list[Gold], span: tuple[int, int]) -> list[tuple[int, int]]:
    def overlap(g: Gold) -> int:
        return sum(max(0, min(b, span[1]) - max(a, span[0])) for a, b in g.content)

    best = max(gold, key=overlap, default=None)
    return best.source if best is not None and overlap(best) > 0 else []


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


def fit(rows: list[CueRow], c: float, leave_out: str = "") -> Ranker:
    """Logistic regression at inverse regularisation ``c``; features starting with
    ``leave_out`` get no weight (the tagger's Source probability is fitted on the tagger's
    own training articles, where it is surer than on new ones: dev says whether to use it)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [{f: 1 for f in cand.features if not (leave_out and f.startswith(leave_out))}
             for row in rows for cand in row.candidates]
    labels = [int(r) for row in rows for r in row.right]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=2000, random_state=SEED)
    clf.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 6) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    return Ranker(weights, round(float(clf.intercept_[0]), 6))


def curve(rows: list[CueRow], ranker: Ranker, thresholds: tuple[float, ...]) -> dict[str, Any]:
    """Top-1 accuracy of the ranker and of the rules, and accuracy / coverage per threshold."""
    picked = []
    for row in rows:
        best = ranker.best(row.candidates)
        ok = best is not None and row.right[row.candidates.index(best[0])]
        picked.append((best[1] if best else 0.0, ok))
    n = max(len(rows), 1)
    points = []
    for t in thresholds:
        kept = [ok for p, ok in picked if p >= t]
        points.append({"threshold": t, "coverage": round(len(kept) / n, 4),
                       "accuracy": round(sum(kept) / max(len(kept), 1), 4),
                       "wrong_share": round((len(kept) - sum(kept)) / n, 4)})
    return {"cues": len(rows), "ranker_accuracy": round(sum(ok for _, ok in picked) / n, 4),
            "rules_accuracy": round(sum(r.rules_right for r in rows) / n, 4),
            "reachable": round(sum(any(r.right) for r in rows) / n, 4), "points": points}


def policy_figures(dev: list[tuple[Example, Doc]]) -> dict[str, float]:
    """Speaker accuracy by resolved name on dev with the stage as it runs, the model on."""
    from crosswire.mentions.quotes import add_quotes
    from crosswire.nlp import add_mentions, add_sentences
    from crosswire.types import Article as Record

    articles = []
    for example, doc in dev:
        record = Record(id=example.name, text=example.text, source="polnear")
        for stage in (add_sentences, add_mentions, add_quotes):
            stage(doc, record)
        article = Article(example.name, example.text, example.gold)
        article.predicted = _predicted(record.quotes)
        articles.append(article)
    return score(articles)


def policy_gain(figures: dict[str, float], wrong_cost: float) -> float:
    """Right answers minus ``wrong_cost`` x wrong names, over direct and indirect quotes."""
    gain = 0.0
    for kind in ("direct", "indirect"):
        right = figures[f"{kind}_speaker_accuracy"]
        wrong = figures[f"{kind}_speaker_answered"] - right
        gain += right - wrong_cost * wrong
    return gain
