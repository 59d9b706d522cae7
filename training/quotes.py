"""``make train-quotes``: the attribution tagger of ``crosswire.mentions.quotes.model``.

Data: PolNeAR (``training/polnear.py``): FIT on train minus the reporting quarter, CHOOSE the
regularisation and the content threshold on dev (indirect-speech F1 by the rule of
``bench/eval/quotes.py``, at precision >= ``MIN_PRECISION``). The reporting quarter is not read.

Writes into ``src/crosswire/models/quotes/``: ``attribution.crfsuite`` (weights),
``config.json`` (the threshold), ``manifest.json`` (sha256 of the inputs, the configuration
and the weights) and the dev curve into ``dev_curve.json`` for the model card. L-BFGS is
deterministic, so the same inputs give the same weights. Minutes on 2 cores once the parse
cache in /tmp is warm.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pycrfsuite
from bench.eval.quotes import Article, Predicted, _Counts, read_ann
from spacy.tokens import Doc

from crosswire.mentions.quotes import model
from crosswire.mentions.quotes.features import possible_cues, rules_marks, sentence_features, sentences_to_tag
from crosswire.mentions.quotes.reported import reported_speech
from crosswire.nlp import load_nlp
from training.polnear import Example, files_digest, parsed
from training.speakers import CueRow, cue_rows, curve, fit, policy_figures, policy_gain

OUT = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "models" / "quotes"
# The grid searched on dev; the first is the default when two tie.
# One setting: on a shared 2-core machine each fit takes minutes. (c1 = 0.1 keeps the
# weights small under L1; c2 = 0.01 the usual light L2.)
GRID = ({"c1": 0.1, "c2": 0.01},)
MAX_ITERATIONS = 100
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))
MIN_PRECISION = 0.85
LABELS = {"Source": "S", "Cue": "C", "Content": "Q"}
RANKER_C = (0.1, 0.3, 1.0)
RANKER_LEAVE_OUT = ("", "src=")  # with and without the tagger's Source probability
SPEAKER_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(20))
# Abstaining costs one right answer lost; a wrong name costs this many: "unknown" is better
# than a wrong speaker (issue #23), so the threshold is where right - 2 x wrong peaks.
WRONG_COST = 2.0
# (override margin, abstention threshold): the ranker replaces the rules' speaker when it
# prefers another candidate by more than the margin; below the threshold, "unknown".
POLICY_GRID = ((0.0, 0.0), (0.2, 0.0), (0.2, 0.1), (0.2, 0.2), (0.4, 0.1))

Sequence = tuple[list[list[str]], list[str]]


def configuration() -> dict[str, object]:
    # The feature and candidate code is part of the configuration: changed code needs new weights.
    def code(name: str) -> str:
        return hashlib.sha256(Path(model.__file__).with_name(name).read_bytes()).hexdigest()

    return {"grid": list(GRID), "max_iterations": MAX_ITERATIONS, "thresholds": list(THRESHOLDS),
            "min_precision": MIN_PRECISION, "labels": LABELS, "version": 1, "ranker_c": list(RANKER_C),
            "ranker_leave_out": list(RANKER_LEAVE_OUT),
            "speaker_thresholds": list(SPEAKER_THRESHOLDS), "wrong_cost": WRONG_COST,
            "policy_grid": list(POLICY_GRID),
            "candidates_sha256": code("candidates.py"),
            "features_sha256": code("features.py")}


def config_digest() -> str:
    return hashlib.sha256(json.dumps(configuration(), sort_keys=True).encode()).hexdigest()


def gold_tags(example: Example, doc: Doc) -> list[str]:
    """One BIO label per token from the article's Source / Cue / Content spans."""
    spans, events = read_ann(example.ann)
    tags = ["O"] * len(doc)
    for event in events:
        for role, short in LABELS.items():
            if role not in event:
                continue
            for a, b in spans[event[role]][1]:
                chunk = doc.char_span(a, b, alignment_mode="expand")
                if chunk is None:
                    continue
                for k, tok in enumerate(chunk):
                    if tags[tok.i] == "O":
                        tags[tok.i] = ("B-" if k == 0 else "I-") + short
    return tags


def sequences(example: Example, doc: Doc) -> list[Sequence]:
    ctx = model.context_of(doc, example.text)
    rules = list(reported_speech(ctx))
    cues = possible_cues(ctx)
    marks, cue_set, tags = rules_marks(doc, rules), set(cues), gold_tags(example, doc)
    return [(sentence_features(ctx, s, cue_set, marks), tags[s[0]:s[1]]) for s in sentences_to_tag(ctx)]


def train(data: list[Sequence], params: dict[str, float], path: Path) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params({**params, "max_iterations": MAX_ITERATIONS, "feature.possible_transitions": True})
    trainer.train(str(path))


def dev_curve(path: Path, dev: list[tuple[Example, Doc]]) -> list[dict[str, float]]:
    """Indirect precision / recall / F1 on dev at every threshold, the rules' own first."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    tagged = []
    for example, doc in dev:
        ctx = model.context_of(doc, example.text)
        rules = list(reported_speech(ctx))
        tagged.append((example, doc, ctx, rules, model.read(ctx, rules, tagger).tagged))
    curve = []
    for threshold in (2.0, *THRESHOLDS):  # 2.0: no model span passes, the rules alone
        counts = _Counts()
        for example, doc, ctx, rules, spans in tagged:
            found = model.combine(ctx, rules, spans, threshold)
            article = Article(example.name, example.text, example.gold)
            for _, (first, end) in found:
                start, stop = doc[first].idx, doc[end - 1].idx + len(doc[end - 1])
                article.predicted.append(Predicted(start, stop, "indirect"))
            counts.add(article, "indirect")
        p = counts.tp_pred / max(counts.tp_pred + counts.fp, 1)
        r = 1 - counts.fn / max(sum(not g.direct for e, *_ in tagged for g in e.gold), 1)
        curve.append({"threshold": threshold, "precision": round(p, 4), "recall": round(r, 4),
                      "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)})
    return curve


def best(curve: list[dict[str, float]]) -> dict[str, float]:
    allowed = [c for c in curve if c["precision"] >= MIN_PRECISION] or curve
    return max(allowed, key=lambda c: (c["f1"], c["threshold"]))


def main() -> None:
    if OUT.resolve() != model.MODEL_DIR.resolve():  # the policy search reads what it writes
        sys.exit(f"crosswire is imported from {model.MODEL_DIR.parents[2]}, not this repository: "
                 "run with its src/ first on the path (PYTHONPATH=src)")
    started = time.time()
    nlp = load_nlp()
    train_docs = list(parsed("train", nlp))
    dev = list(parsed("dev", nlp))
    content: dict[str, Any]
    if "--ranker-only" in sys.argv:  # while working on the ranker: keep the shipped tagger
        content = json.loads((OUT / "dev_curves.json").read_text(encoding="utf-8"))["content"]
    else:
        data = [s for e, d in train_docs for s in sequences(e, d)]
        print(f"{len(data)} train sentences ({time.time() - started:.0f}s)", file=sys.stderr)
        content = train_tagger(data, dev)
        threshold = content["chosen"]["threshold"]
        (OUT / model.CONFIG_FILE).write_text(json.dumps({"content_threshold": threshold}))
        (OUT / "dev_curves.json").write_text(json.dumps({"content": content}, indent=1) + "\n")
    print(f"tagger: {content['chosen']} ({time.time() - started:.0f}s)", file=sys.stderr)
    speakers = train_ranker(train_docs, dev)
    print(f"ranker: {speakers['chosen']} ({time.time() - started:.0f}s)", file=sys.stderr)
    policy = choose_policy(content["chosen"]["threshold"], dev)
    print(f"policy: {policy['chosen']} ({time.time() - started:.0f}s)", file=sys.stderr)
    curves = {"content": content, "speakers": speakers, "policy": policy}
    (OUT / "dev_curves.json").write_text(json.dumps(curves, indent=1) + "\n")
    write_manifest()
    print(f"done in {time.time() - started:.0f}s", file=sys.stderr)


def train_tagger(data: list[Sequence], dev: list[tuple[Example, Doc]]) -> dict[str, Any]:
    """Fit the CRF at each setting of GRID, keep the best on dev; its dev curve and choice."""
    choice: tuple[float, dict[str, Any]] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        for k, params in enumerate(GRID):
            path = Path(tmp) / f"m{k}.crfsuite"
            train(data, params, path)
            curve = dev_curve(path, dev)
            top = best(curve)
            if choice is None or top["f1"] > choice[0]:
                choice = (top["f1"], {"params": params, "chosen": top, "curve": curve})
                (OUT / model.TAGGER_FILE).write_bytes(path.read_bytes())
    assert choice is not None
    return choice[1]


def readings(docs: list[tuple[Example, Doc]], tagger: pycrfsuite.Tagger) -> list[CueRow]:
    rows = []
    for example, doc in docs:
        ctx = model.context_of(doc, example.text)
        rules = list(reported_speech(ctx))
        reading = model.read(ctx, rules, tagger)
        rows.extend(cue_rows(example.text, doc, example.gold, reading))
    return rows


def train_ranker(train_docs: list[tuple[Example, Doc]], dev: list[tuple[Example, Doc]]) -> dict[str, Any]:
    """Fit the speaker ranker at each C, keep the best top-1 accuracy on dev, choose the
    abstention threshold on dev, and write the weights."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(OUT / model.TAGGER_FILE))
    train_rows, dev_rows = readings(train_docs, tagger), readings(dev, tagger)
    tried = []
    for c in RANKER_C:
        for leave_out in RANKER_LEAVE_OUT:
            ranker = fit(train_rows, c, leave_out)
            name = f"C={c} leave_out={leave_out!r}"
            tried.append((curve(dev_rows, ranker, SPEAKER_THRESHOLDS), name, ranker))
    found, chosen_fit, ranker = max(tried, key=lambda t: t[0]["ranker_accuracy"])
    points: list[dict[str, float]] = found["points"]
    chosen = max(points, key=lambda p: p["coverage"] * p["accuracy"] - WRONG_COST * p["wrong_share"])
    (OUT / model.RANKER_FILE).write_text(json.dumps({"bias": ranker.bias, "weights": ranker.weights},
                                                    indent=0, sort_keys=True) + "\n")
    return {"chosen_fit": chosen_fit, "train_cues": len(train_rows), "dev": found, "chosen": chosen,
            "tried": {str(t[1]): t[0]["ranker_accuracy"] for t in tried}}


def choose_policy(content_threshold: float, dev: list[tuple[Example, Doc]]) -> dict[str, Any]:
    """When the ranker overrides the rules' speaker, and when it abstains: each setting of
    POLICY_GRID run through the real stage on dev, scored by resolved name; the best by
    right - WRONG_COST x wrong is written to config.json."""
    tried = []
    for margin, threshold in POLICY_GRID:
        config = {"content_threshold": content_threshold, "override_margin": margin,
                  "speaker_threshold": threshold}
        (OUT / model.CONFIG_FILE).write_text(json.dumps(config, indent=1) + "\n")
        model._config.cache_clear()
        figures = policy_figures(dev)
        tried.append({**config, "gain": round(policy_gain(figures, WRONG_COST), 4),
                      **{k: round(v, 4) for k, v in figures.items() if "speaker" in k}})
    chosen = max(tried, key=lambda t: t["gain"])  # the first of equals: the grid's order
    config = {k: chosen[k] for k in ("content_threshold", "override_margin", "speaker_threshold")}
    (OUT / model.CONFIG_FILE).write_text(json.dumps(config, indent=1) + "\n")
    model._config.cache_clear()
    return {"chosen": chosen, "tried": tried}


def manifest() -> dict[str, str]:
    """What the shipped weights were made from: inputs, configuration, and the weights."""
    weights = {name: hashlib.sha256((OUT / name).read_bytes()).hexdigest()
               for name in (model.TAGGER_FILE, model.RANKER_FILE, model.CONFIG_FILE)}
    return {"polnear_train": files_digest("train"), "polnear_dev": files_digest("dev"),
            "configuration": config_digest(), **{f"weights:{k}": v for k, v in weights.items()}}


def write_manifest() -> None:
    (OUT / "manifest.json").write_text(json.dumps(manifest(), indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
