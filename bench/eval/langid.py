"""Language identification (``crosswire.ingest.language``) on paragraphs of 20 words or more.

Paragraphs come from the shared corpora — English from PolNeAR's article texts (the first
``PER_SOURCE`` paragraphs of its files in name order) and AllSides articles, Russian from
factRuEval-2016's texts, Korean from KLUE-NER sentences joined in order until 20 words —
and from ``WRITTEN``: paragraphs written for this evaluation (fictional events) in French,
German, Spanish, Italian and Portuguese, for which no shared corpus is here.

Splits: a paragraph is in TUNING when the sha1 of its text is even, REPORTING when odd. The
detector's thresholds (``_ENGLISH_FUNCTION_SHARE``, ``_MIN_DISTANCE``) were set reading
TUNING only. An unknown answer (None) counts as wrong. The issue's target: accuracy >= 0.99.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator

from bench.eval.common import SHARED_EVAL, check_split, hash_bucket, require

NAME = "langid"
TUNING = "paragraphs of 20+ words (PolNeAR, AllSides, factRuEval, KLUE, written) whose sha1 is even"
REPORTING = "paragraphs of 20+ words (PolNeAR, AllSides, factRuEval, KLUE, written) whose sha1 is odd"
MIN_WORDS = 20
PER_SOURCE = 400  # paragraphs taken from each shared corpus

WRITTEN: dict[str, list[str]] = {
    "fr": [
        "Le conseil municipal de Valbrune a voté jeudi soir la fermeture provisoire du pont des Tanneurs, "
        "dont les piliers présentent des fissures inquiétantes selon un rapport remis la semaine dernière.",
        "Les pêcheurs du port de Saint-Aurèle ont manifesté devant la préfecture pour réclamer une "
        "révision des quotas, qu'ils jugent incompatibles avec la survie de leurs petites entreprises "
        "familiales.",
        "Selon la ministre de la Santé, Hélène Darbois, les nouvelles mesures entreront en vigueur au début "
        "du mois prochain et concerneront d'abord les hôpitaux des régions les plus touchées.",
        "Après trois jours de négociations, les deux délégations se sont quittées sans accord, mais elles "
        "ont promis de se retrouver à Genève avant la fin de l'année pour reprendre les discussions.",
        "La compagnie ferroviaire a annoncé que les trains entre Montclar et la côte circuleraient de "
        "nouveau normalement dès lundi, une fois les travaux de réparation de la voie achevés.",
        "Les habitants du quartier ont découvert mardi matin que l'école avait été inondée pendant la "
        "nuit, et les cours ont été suspendus jusqu'à nouvel ordre par la direction académique.",
        "Le porte-parole du gouvernement a affirmé que l'exécutif n'avait pas l'intention de relever les "
        "impôts cette année, malgré le déficit annoncé par la Cour des comptes en début de semaine.",
        "Dans un entretien accordé à notre journal, l'ancien maire explique pourquoi il a décidé de se "
        "présenter une nouvelle fois aux élections, huit ans après avoir quitté la vie politique.",
    ],
    "de": [
        "Der Stadtrat von Eschenfeld hat am Donnerstag beschlossen, die alte Brücke über den Fluss für den "
        "Autoverkehr zu sperren, nachdem Gutachter gefährliche Risse in den Pfeilern gefunden hatten.",
        "Nach drei Tagen zäher Verhandlungen trennten sich die beiden Delegationen ohne Einigung, wollen "
        "sich aber noch vor Jahresende in Wien wieder treffen, um die Gespräche fortzusetzen.",
        "Die Fischer im Hafen von Nordmark protestierten vor dem Rathaus gegen die neuen Fangquoten, die "
        "nach ihrer Ansicht das Ende vieler kleiner Familienbetriebe an der Küste bedeuten würden.",
    ],
    "es": [
        "El ayuntamiento de Villaserena aprobó el jueves el cierre temporal del puente viejo, después de "
        "que los ingenieros encontraran grietas peligrosas en los pilares durante una inspección rutinaria.",
        "Tras tres días de negociaciones, las dos delegaciones se separaron sin acuerdo, aunque prometieron "
        "volver a reunirse en Lima antes de que termine el año para retomar las conversaciones.",
        "Los pescadores del puerto de Santa Olaya protestaron frente a la gobernación para exigir una "
        "revisión de las cuotas, que consideran imposibles de cumplir para las pequeñas empresas familiares.",
    ],
    "it": [
        "Il consiglio comunale di Roccaverde ha deciso giovedì di chiudere temporaneamente il vecchio ponte "
        "sul fiume, dopo che i tecnici hanno trovato crepe pericolose nei piloni durante un controllo.",
        "Dopo tre giorni di trattative le due delegazioni si sono lasciate senza un accordo, ma hanno "
        "promesso di incontrarsi di nuovo a Torino prima della fine dell'anno per riprendere il dialogo.",
    ],
    "pt": [
        "A câmara municipal de Vila Serena aprovou na quinta-feira o encerramento temporário da ponte velha, "
        "depois de os engenheiros terem encontrado fissuras perigosas nos pilares durante uma inspeção.",
        "Depois de três dias de negociações, as duas delegações separaram-se sem acordo, mas prometeram "
        "voltar a reunir-se em Lisboa antes do fim do ano para retomar as conversações.",
    ],
}

_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def _long_paragraphs(text: str) -> Iterator[str]:
    for paragraph in _PARAGRAPH.split(text):
        paragraph = paragraph.strip()
        if len(paragraph.split()) >= MIN_WORDS:
            yield paragraph


def _english() -> Iterator[str]:
    folder = require(SHARED_EVAL / "polnear" / "data")
    found = 0
    for path in sorted(folder.glob("*/text/*.txt")):
        for paragraph in _long_paragraphs(path.read_text(encoding="utf-8")):
            yield paragraph
            found += 1
            if found >= PER_SOURCE:
                break
        if found >= PER_SOURCE:
            break
    allsides = SHARED_EVAL / "allsides_baly2020" / "articles.jsonl.gz"
    if allsides.exists():
        with gzip.open(allsides, "rt", encoding="utf-8") as lines:
            found = 0
            for line in lines:
                for paragraph in _long_paragraphs(json.loads(line).get("content_original") or ""):
                    yield paragraph
                    found += 1
                if found >= PER_SOURCE:
                    break


def _russian() -> Iterator[str]:
    folder = require(SHARED_EVAL / "factrueval2016" / "devset")
    paragraphs = (
        p for path in sorted(folder.glob("book_*.txt")) for p in _long_paragraphs(path.read_text("utf-8"))
    )
    for i, paragraph in enumerate(paragraphs):
        if i >= PER_SOURCE:
            break
        yield paragraph


def _korean() -> Iterator[str]:
    path = require(SHARED_EVAL / "klue_ner" / "klue-ner-v1.1_dev_even.tsv")
    sentences = [
        line.split("\t", 1)[1] for line in path.read_text("utf-8").splitlines() if line.startswith("## ")
    ]
    joined: list[str] = []
    found = 0
    for sentence in sentences:
        joined.append(re.sub(r"<([^<>:]+):[A-Z]{2}>", r"\1", sentence))
        if len(" ".join(joined).split()) >= MIN_WORDS:
            yield " ".join(joined)
            joined = []
            found += 1
            if found >= PER_SOURCE:
                return


def paragraphs(split: str) -> Iterator[tuple[str, str]]:
    """(language, paragraph) of the split."""
    wanted = 0 if check_split(split) == "tuning" else 1
    sources = [("en", _english()), ("ru", _russian()), ("ko", _korean())]
    sources += [(language, iter(texts)) for language, texts in WRITTEN.items()]
    for language, texts in sources:
        for text in texts:
            if hash_bucket(text, 2) == wanted:
                yield language, text


def run(limit: int | None = None, split: str = "reporting") -> dict[str, float]:
    from crosswire.ingest.language import detect_language

    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    unknown = 0
    for i, (language, text) in enumerate(paragraphs(split)):
        if limit is not None and i >= limit:
            break
        found = detect_language(text)
        total[language] += 1
        right[language] += found == language
        unknown += found is None
    n = sum(total.values())
    figures = {"accuracy": round(sum(right.values()) / n, 4) if n else 0.0}
    figures |= {f"accuracy_{lang}": round(right[lang] / total[lang], 4) for lang in sorted(total)}
    figures["unknown_share"] = round(unknown / n, 4) if n else 0.0
    return figures
