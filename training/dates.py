"""``make train-dates``: the event attacher of ``crosswire.mentions.dates.attach``.

Data: TempEval-3 TBAQ (``../shared/eval/tempeval3/TBAQ-cleaned``, the dates TUNING split): each
TIMEX3 that a dating TLINK ties to events (``bench/eval/dates.py``'s ``read_tml``) is one
example; its candidates are the words ``attach.candidates`` offers in its sentence of spaCy's
parse. TimeML's event is a predicate word (an adjective rather than its copula, "rally" in
"spoke at a rally Saturday"), while crosswire reports the head of the clause the expression
dates (the convention of the blind set ``bench/eval/allsides_dates2.tsv``): each linked event is
first mapped to that clause head (``clause_head``), and a candidate is right when it is one.

Split by document: sha1 of the file name, a quarter (``_held_out``) held out. FIT on the other
three quarters at each C of ``GRID``; CHOOSE C on the held-out quarter by the share of
expressions whose best candidate is right, and compare with the rules (``events.event_of``)
there. The shipped weights are refitted on every document at the chosen C, and written only
when the held-out quarter says the model beats the rules (else the rules stay in charge and
no weights ship). The AllSides blind sets are never read here.

Writes into ``src/crosswire/models/dates/``: ``attacher.json`` (weights), ``held_out.json``
(the figures the choice was made on) and ``manifest.json`` (sha256 of the inputs, the
configuration and the weights). L-BFGS is deterministic: the same inputs give the same
weights. About a minute on 2 cores once the parse cache under /tmp is warm.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.eval.dates import TEMPEVAL, Gold, read_tml
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token

from crosswire.mentions.dates import attach
from crosswire.mentions.dates.events import event_of

OUT = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "models" / "dates"
CACHE = Path("/tmp/crosswire-tbaq-cache")
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
VERSION = 2  # 2: labels are the clause heads of TimeML's events (clause_head)
# How a time expression hangs on a noun it modifies ("the 2012 campaign", "yesterday's
# deadline", "a four-hour briefing"): that noun is then the event, as the blind set marks it.
_MODIFIES = frozenset({"compound", "nmod", "poss", "amod", "nummod", "npadvmod"})
_AUXILIARY = frozenset({"aux", "auxpass"})


@dataclass(slots=True)
class Example:
    """One dated expression: its candidates' features, which are right (the clause heads of the
    linked events; ``timeml_right``: the linked events themselves), and the rules' verdicts."""

    document: str
    features: list[list[str]]
    right: list[bool]
    rules_right: bool
    timeml_right: list[bool]
    rules_timeml_right: bool


def documents() -> list[Path]:
    root = TEMPEVAL
    return sorted((root / "TimeBank").glob("*.tml")) + sorted((root / "AQUAINT").glob("*.tml"))


def _held_out(path: Path) -> bool:
    return int(hashlib.sha1(path.name.encode("utf-8")).hexdigest(), 16) % 4 == 0


def files_digest() -> str:
    """sha256 of the TBAQ file names and contents: what the manifest pins."""
    digest = hashlib.sha256()
    for path in documents():
        digest.update(f"{path.parent.name}/{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def configuration() -> dict[str, object]:
    # The candidate and feature code is part of the configuration, and so are the rules (their
    # pick is a feature): changed code needs new weights.
    def code(module: Path) -> str:
        return hashlib.sha256(module.read_bytes()).hexdigest()

    here = Path(attach.__file__)
    return {"grid": list(GRID), "version": VERSION, "split": "sha1(file name) % 4 == 0 held out",
            "attach_sha256": code(here), "events_sha256": code(here.with_name("events.py"))}


def config_digest() -> str:
    return hashlib.sha256(json.dumps(configuration(), sort_keys=True).encode()).hexdigest()


def parsed(nlp: Language) -> list[tuple[Path, tuple[str, str, list[Gold]], Doc]]:
    """Every TBAQ document read and parsed, the parse cached under /tmp."""
    paths = documents()
    read = [read_tml(p) for p in paths]
    key = hashlib.sha256(f"{files_digest()} {nlp.meta.get('name')} {nlp.meta.get('version')}".encode())
    cached = CACHE / f"tbaq-{key.hexdigest()[:16]}.spacy"
    if cached.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((text for _, text, _ in read), batch_size=16))
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cached)
    return list(zip(paths, read, docs, strict=True))


def examples(name: str, doc: Doc, gold: list[Gold]) -> list[Example]:
    sentences = list(doc.sents)
    found = []
    for g in gold:
        span = doc.char_span(g.start, g.end, alignment_mode="expand")
        if not g.events or span is None or len(span) == 0:
            continue
        sentence = next(s for s in sentences if s.start <= span.start < s.end)
        rules = event_of(span)
        described = attach.described(span, sentence, rules)
        heads = clause_heads(span, g.events)
        found.append(Example(
            name,
            [f for _, f in described],
            [t.i in heads for t, _ in described],
            rules is not None and rules.i in heads,
            [_linked(t.idx, t.idx + len(t), g.events) for t, _ in described],
            rules is not None and _linked(rules.idx, rules.idx + len(rules), g.events),
        ))
    return found


def clause_heads(expression: Span, events: tuple[tuple[int, int], ...]) -> set[int]:
    """Token indices of the clause heads of the TimeML events at these character spans."""
    doc = expression.doc
    heads = set()
    for start, end in events:
        event = doc.char_span(start, end, alignment_mode="expand")
        if event is not None and len(event) > 0:
            heads.add(clause_head(event.root, expression).i)
    return heads


def clause_head(event: Token, expression: Span) -> Token:
    """The word the blind set's convention marks for a TimeML event word: a verb as it is (finite
    or not), an auxiliary's verb, a noun the expression modifies as it is; any other
    word (a predicate adjective or noun, a noun the expression only shares a clause with) gives
    the verb or copula heading its clause, or itself when no verb is above it."""
    if event.pos_ == "VERB" or (event.pos_ == "AUX" and event.dep_ not in _AUXILIARY):
        return event
    if event.pos_ == "AUX":
        return event.head
    if event.pos_ in ("NOUN", "PROPN") and _modifies(expression.root, event):
        return event
    for above in event.ancestors:
        if above.pos_ == "VERB" or (above.pos_ == "AUX" and above.dep_ not in _AUXILIARY):
            return above
    return event


def _linked(start: int, end: int, events: tuple[tuple[int, int], ...]) -> bool:
    return any(start < e and s < end for s, e in events)


def fit(rows: list[Example], c: float) -> attach.Attacher:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [dict.fromkeys(f, 1) for row in rows for f in row.features]
    labels = [int(r) for row in rows for r in row.right]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(feats)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-5}
    return attach.Attacher(weights, round(float(clf.intercept_[0]), 5))


def accuracy(rows: list[Example], model: attach.Attacher) -> float:
    """Share of expressions whose best-scored candidate is right (a linked event's clause head)."""
    right = 0
    for row in rows:
        scores = [model.score(f) for f in row.features]
        if scores:
            right += row.right[scores.index(max(scores))]
    return right / max(len(rows), 1)


def _modifies(root: Token, noun: Token) -> bool:
    """Whether the expression headed by root modifies noun: directly ("the April deadline") or
    through a preposition ("the summit on Monday"; the convention's span leaves "on" out)."""
    head = root.head
    if head.i == noun.i:
        return root.dep_ in _MODIFIES
    return root.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == noun.i


def as_timeml(rows: list[Example]) -> list[Example]:
    """The same examples labelled with TimeML's own event words (the labels of VERSION 1)."""
    return [Example(r.document, r.features, r.timeml_right, r.rules_timeml_right, r.timeml_right,
                    r.rules_timeml_right) for r in rows]


def main() -> None:
    if OUT.resolve() != attach.MODEL_DIR.resolve():
        sys.exit(f"crosswire is imported from {attach.MODEL_DIR.parents[2]}, not this repository: "
                 "run with its src/ first on the path (PYTHONPATH=src)")
    from crosswire.nlp import load_nlp

    started = time.time()
    train: list[Example] = []
    held: list[Example] = []
    for path, (_, _, gold), doc in parsed(load_nlp()):
        (held if _held_out(path) else train).extend(examples(path.name, doc, gold))
    print(f"{len(train)} train / {len(held)} held-out expressions ({time.time() - started:.0f}s)",
          file=sys.stderr)
    tried = {c: round(accuracy(held, fit(train, c)), 4) for c in GRID}
    chosen = max(GRID, key=lambda c: (tried[c], -c))  # the smaller C of equals: more regularised
    figures = held_out_figures(train, held, tried, chosen)
    print(json.dumps(figures), file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "held_out.json").write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    weights = OUT / attach.WEIGHTS_FILE
    # Ship only what beats both the rules and a model fitted to TimeML's own event words.
    if tried[chosen] > max(figures["rules_accuracy"], figures["timeml_model_accuracy"]):
        model = fit(train + held, chosen)
        weights.write_text(json.dumps({"bias": model.bias, "weights": model.weights}, indent=0,
                                      sort_keys=True) + "\n")
    else:
        print("the rules or TimeML's labels do as well on the held-out quarter: no weights shipped",
              file=sys.stderr)
        weights.unlink(missing_ok=True)
    write_manifest()
    print(f"done in {time.time() - started:.0f}s", file=sys.stderr)


def held_out_figures(train: list[Example], held: list[Example], tried: dict[float, float],
                     chosen: float) -> dict[str, float]:
    """The held-out quarter's figures, against clause-head labels, and (``*_timeml``) against
    TimeML's own event words: the rules, the model fitted on clause heads, and one fitted (same
    C) on TimeML's event words as VERSION 1 was."""
    timeml_model = fit(as_timeml(train), chosen)
    timeml_held = as_timeml(held)
    model = fit(train, chosen)
    size = max(len(held), 1)
    return {
        "held_out_expressions": len(held), "train_expressions": len(train),
        "rules_accuracy": round(sum(r.rules_right for r in held) / size, 4),
        "reachable": round(sum(any(r.right) for r in held) / size, 4),
        "model_accuracy": tried[chosen], "chosen_c": chosen,
        **{f"tried_c={c}": a for c, a in tried.items()},
        "timeml_model_accuracy": round(accuracy(held, timeml_model), 4),
        "rules_accuracy_timeml": round(sum(r.rules_timeml_right for r in held) / size, 4),
        "model_accuracy_timeml": round(accuracy(timeml_held, model), 4),
        "timeml_model_accuracy_timeml": round(accuracy(timeml_held, timeml_model), 4),
    }


def manifest() -> dict[str, str]:
    """What the shipped weights were made from: inputs, configuration, and the weights."""
    shipped = {name: hashlib.sha256((OUT / name).read_bytes()).hexdigest()
               for name in (attach.WEIGHTS_FILE, "held_out.json") if (OUT / name).exists()}
    return {"tbaq": files_digest(), "configuration": config_digest(),
            **{f"weights:{k}": v for k, v in shipped.items()}}


def write_manifest() -> None:
    (OUT / "manifest.json").write_text(json.dumps(manifest(), indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
