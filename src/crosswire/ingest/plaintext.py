"""Clean scraped plain text: the article body, and the metadata printed around it.

Scraped news arrives as lines: a header (title, standfirst, byline, masthead, date, photo
caption), the body, and site furniture (sharing buttons, "Related stories" lists,
copyright). ``clean_plain_text`` pulls these apart with small rules applied in order, one
field at a time, in the manner of trafilatura's ``extract_metadata``:

1. normalise the text and split it into paragraphs (every non-empty line is one);
2. cut the headline list that trails the article ("Related stories" + short lines);
3. drop whole-line boilerplate anywhere, and paragraphs printed twice;
4. the header zone is everything before the first body paragraph; each header line is a
   caption, a date, a byline, an outlet, the title, the dek, or leftover navigation;
5. a "By ..." line or date line trailing the body fills the field if still empty;
6. captions left inside the body are moved to ``captions``.

The word lists and patterns live in ``patterns.py``; the date finder in ``published.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from crosswire.ingest.patterns import (
    BODY_MIN_WORDS,
    BOILERPLATE_LINE,
    BOILERPLATE_MAX_WORDS,
    BYLINE_PREFIX,
    BYLINE_ROLE,
    CAPTION_CREDIT_END,
    CAPTION_CREDIT_START,
    CAPTION_MAX_WORDS,
    CAPTION_POSITION,
    CAPTION_TAIL_CHARS,
    FIELD_SEPARATOR,
    KNOWN_OUTLETS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAME_WORDS,
    OUTLET_ACRONYMS,
    OUTLET_LEADING_WORDS,
    OUTLET_SUFFIXES,
    OUTLET_WORDS,
    PLACE_WORDS,
    QUOTE_MARKS,
    SECTION_WORDS,
    SHORT_BODY_MIN_WORDS,
    TAIL_HEADING,
    TERMINAL_PUNCTUATION,
)
from crosswire.ingest.published import parse_published


@dataclass(slots=True)
class CleanedText:
    """The article body and the metadata found around it."""

    text: str
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    outlet: str | None = None
    published: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # What was dropped beyond boilerplate, in words for the article's notes.
    notes: list[str] = field(default_factory=list)
    # Characters of text the cleaner was given (non-empty lines, whitespace normalised).
    input_chars: int = 0


FieldName = Literal["published", "byline", "outlet"]
Field = tuple[FieldName, str]


@dataclass(slots=True)
class _Para:
    text: str
    # Printed twice in a row in the source: wire layouts repeat the author's name.
    repeated: bool = False


@dataclass(slots=True)
class _HeaderLine:
    para: _Para
    fields: list[Field]
    caption: bool = False
    section: bool = False  # a breadcrumb or desk label ("World News", "Home > Asia")


# Characters that carry no text: zero-width spaces and joiners, BOM, soft hyphen.
# (A regex, not str.translate: translate with a dict is ten times slower on long text.)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Decorations around boilerplate and headings ("Read more »", "▶ Related stories:").
_DECORATION = " :»›>…|▶►•*-–—"
_CONNECTORS = frozenset({"the", "of", "and", "&"})
_DIGIT_OR_COMMA = re.compile(r"[\d,]")
# Asides after a name: "(Northbridge, correspondent)", " in Northbridge" (a dateline place).
_BYLINE_ASIDE = re.compile(r"\([^)]*\)|\s+in\s+[A-Z][\w'’. -]*$")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_CONTACT = re.compile(r"\S+@\S+|@\w+|\(\s*\)|\[\s*\]")
# Breadcrumbs and desk labels: made only of section and region words.
_LABEL_WORDS = SECTION_WORDS | PLACE_WORDS | {"news", "and", "&", "from", "the", "of", "in"}
_LABEL_SPLIT = re.compile(r"[|·•>/»›:,.\s-]+")
_LABEL_MAX_WORDS = 5
# A heading opening a tail list is short; a long line is a paragraph, whatever it says.
_TAIL_HEADING_MAX_WORDS = 8
_DEK_MIN_WORDS = 4
_ASIDE_MAX_WORDS = 6
# How far past the first body paragraph a "By ..." or date line still counts as header:
# some layouts print a sentence-long standfirst before the byline.
_HEADER_LOOKAHEAD = 3
_FOOTER_LOOKBACK = 4
# A short line printed twice is a layout habit (wire bylines, labels): dropped silently. A
# paragraph printed twice, or any line three times, is text the reader should hear was dropped.
_SILENT_COPY_MAX_WORDS = BODY_MIN_WORDS - 1
_NOTE_SNIPPET_CHARS = 60


def clean_plain_text(raw: str, *, has_title: bool = False) -> CleanedText:
    """Split scraped text into a clean body and the title, byline, date... around it.

    ``has_title`` says the caller already has the title and ``raw`` is a body only (HTML
    through trafilatura): then no line is taken as title or dek, and header lines that are
    not clearly metadata stay in the text.

    ``text`` never holds the title, dek, byline, outlet, date lines or captions, with one
    exception: an input that is only a headline (no body at all) keeps it as its text.
    """
    lines = _split_lines(raw)
    cleaned = CleanedText(text="", input_chars=sum(len(line) for line in lines))
    lines = _drop_tail_list(lines, cleaned.removed)
    lines = _drop_boilerplate(lines, cleaned.removed)
    paras = _drop_duplicates(lines, cleaned)
    start = _body_start(paras)
    body = _read_header(paras[:start], cleaned, has_title=has_title)
    body += _read_footer(paras[start:], cleaned)
    cleaned.text = "\n\n".join(p.text for p in _take_captions(body, cleaned))
    if not cleaned.text:
        # Nothing but a headline (a one-line input, a title-only feed item): the headline
        # is all the text there is, and an article without text would be rejected.
        cleaned.text = "\n\n".join(x for x in (cleaned.title, cleaned.dek) if x)
    return cleaned


# --- 1. Lines ---------------------------------------------------------------------------


def _split_lines(raw: str) -> list[str]:
    """Non-empty lines with whitespace normalised: scraped text separates paragraphs by
    blank lines or by single newlines, so every line is a paragraph."""
    lines = (" ".join(line.split()) for line in _INVISIBLE.sub("", raw).splitlines())
    return [line for line in lines if line]


def _words(text: str) -> int:
    return text.count(" ") + 1 if text else 0


def _ends_sentence(text: str) -> bool:
    return text.endswith(TERMINAL_PUNCTUATION)


def _is_prose(text: str, min_words: int = BODY_MIN_WORDS) -> bool:
    """Long enough and ending like a sentence: what body paragraphs look like."""
    return _words(text) >= min_words and _ends_sentence(text)


# --- 2-3. Tail lists, boilerplate, duplicates -------------------------------------------


def _drop_tail_list(lines: list[str], removed: list[str]) -> list[str]:
    """Cut from a "Related stories"-style heading after the body when only short lines
    (headlines) follow it: the whole tail is a list of links."""
    last_body = max((i for i, line in enumerate(lines) if _is_prose(line)), default=None)
    if last_body is None:
        return lines
    for i in range(last_body + 1, len(lines)):
        if _is_tail_heading(lines[i]):
            removed.extend(lines[i:])
            return lines[:i]
    return lines


def _is_tail_heading(line: str) -> bool:
    bare = line.strip(_DECORATION)
    return _words(bare) <= _TAIL_HEADING_MAX_WORDS and bool(TAIL_HEADING.fullmatch(bare))


def _drop_boilerplate(lines: list[str], removed: list[str]) -> list[str]:
    kept = []
    for line in lines:
        bare = line.strip(_DECORATION)
        if _words(bare) <= BOILERPLATE_MAX_WORDS and BOILERPLATE_LINE.fullmatch(bare):
            removed.append(line)
        else:
            kept.append(line)
    return kept


def _drop_duplicates(lines: list[str], cleaned: CleanedText) -> list[_Para]:
    """Keep the first of paragraphs printed more than once; mark back-to-back repeats."""
    seen: dict[str, _Para] = {}
    copies: Counter[str] = Counter()
    paras: list[_Para] = []
    for line in lines:
        first = seen.get(line)
        # Separators ("***", "—") legitimately recur; only lines with letters are copies.
        if first is not None and any(ch.isalpha() for ch in line):
            first.repeated = first.repeated or (paras[-1] is first)
            cleaned.removed.append(line)
            copies[line] += 1
            continue
        para = _Para(line)
        seen.setdefault(line, para)
        paras.append(para)
    cleaned.notes += [_copies_note(line, n) for line, n in copies.items() if _worth_a_note(line, n)]
    return paras


def _worth_a_note(line: str, copies: int) -> bool:
    return copies > 1 or _words(line) > _SILENT_COPY_MAX_WORDS


def _copies_note(line: str, copies: int) -> str:
    snippet = line if len(line) <= _NOTE_SNIPPET_CHARS else line[:_NOTE_SNIPPET_CHARS].rstrip() + "…"
    return f'kept 1 of {copies + 1:,} identical paragraphs ("{snippet}")'


# --- 4. Header zone ---------------------------------------------------------------------


def _body_start(paras: list[_Para]) -> int:
    """Index of the first body paragraph: everything before it is the header zone."""
    body = [i for i, p in enumerate(paras) if _is_prose(p.text) and not _is_caption(p.text)]
    if not body:
        # A brief whose paragraphs are all short: settle for shorter sentences, and keep
        # the first line for the title.
        skip = 1 if len(paras) > 1 else 0
        short = (i for i in range(skip, len(paras)) if _is_prose(paras[i].text, SHORT_BODY_MIN_WORDS))
        return next(short, len(paras))
    start = body[0]
    for j in range(start + 1, min(start + 1 + _HEADER_LOOKAHEAD, body[-1])):
        if _is_strong_metadata(paras[j].text):
            start = j + 1  # a standfirst sentence came before the byline or date line
    return start


def _is_strong_metadata(text: str) -> bool:
    return bool(_byline_fields(text) or _date_fields(text))


def _read_header(paras: list[_Para], cleaned: CleanedText, *, has_title: bool) -> list[_Para]:
    """Fill fields from the header zone; return the header lines that belong to the body."""
    lines = _classify_header(paras, has_title=has_title)
    last_meta = max((i for i, line in enumerate(lines) if line.caption or line.fields), default=-1)
    kept: list[_Para] = []
    for i, line in enumerate(lines):
        text = line.para.text
        if line.section:
            cleaned.removed.append(text)
        elif line.caption:
            _add_caption(cleaned, text)
        elif line.fields:
            _fill(cleaned, line.fields, text)
        elif has_title or (cleaned.title and i > last_meta >= 0 and _ends_sentence(text)):
            kept.append(line.para)  # sentences after the metadata block open the body
        elif not _take_title_or_dek(cleaned, text):
            _keep_or_remove(line.para, kept, cleaned.removed)
    return kept


def _classify_header(paras: list[_Para], *, has_title: bool) -> list[_HeaderLine]:
    """Say what each header line is. A bare name counts as a byline only after the title
    (the first line that is not metadata), or when the layout printed it twice."""
    lines: list[_HeaderLine] = []
    title_seen = has_title
    for para in paras:
        if _is_section_label(para.text):
            lines.append(_HeaderLine(para, [], section=True))
            continue
        caption = _is_caption(para.text)
        names_ok = (title_seen and not has_title) or para.repeated
        fields = [] if caption else _metadata_fields(para.text, names_ok=names_ok)
        title_seen = title_seen or not (caption or fields)
        lines.append(_HeaderLine(para, fields, caption))
    return lines


def _is_section_label(text: str) -> bool:
    words = _LABEL_SPLIT.sub(" ", text).lower().split()
    return 0 < len(words) <= _LABEL_MAX_WORDS and all(w in _LABEL_WORDS for w in words)


def _take_title_or_dek(cleaned: CleanedText, text: str) -> bool:
    if cleaned.title is None:
        cleaned.title, outlet = _split_title(text)
        cleaned.outlet = cleaned.outlet or outlet
        return True
    if cleaned.dek is None and _words(text) >= _DEK_MIN_WORDS:
        cleaned.dek = text
        return True
    return False


def _keep_or_remove(para: _Para, kept: list[_Para], removed: list[str]) -> None:
    # A leftover header line that reads as a sentence is probably body; a label
    # ("World", "Listen to article") is navigation.
    if _ends_sentence(para.text) and _words(para.text) >= 2:
        kept.append(para)
    else:
        removed.append(para.text)


def _split_title(text: str) -> tuple[str, str | None]:
    """A title line may end with the outlet ("Kim meets Putin | The Korea Herald")."""
    separators = list(FIELD_SEPARATOR.finditer(text))
    if separators:
        last = separators[-1]
        tail = text[last.end() :]
        if _is_outlet(tail) and last.start() > 0:
            return text[: last.start()], _unshout(tail)
    return text, None


def _fill(cleaned: CleanedText, fields: list[Field], text: str) -> None:
    """First value wins for each field; a line that fills nothing new goes to removed."""
    filled = False
    for name, value in fields:
        if name == "published" and cleaned.published is None:
            cleaned.published, filled = value, True
        elif name == "byline" and cleaned.byline is None:
            cleaned.byline, filled = value, True
        elif name == "outlet" and cleaned.outlet is None:
            cleaned.outlet, filled = value, True
    if not filled:
        cleaned.removed.append(text)


# --- Metadata fields --------------------------------------------------------------------


def _metadata_fields(text: str, *, names_ok: bool) -> list[Field]:
    """The fields a header line gives, or [] when it is not (only) metadata.

    A line may hold several fields separated by "|", "·" or a spaced dash: "Jane Roe |
    Reuters", "The Korea Herald · Sept. 13, 2023". Every part must be metadata.
    """
    parts = [part for part in FIELD_SEPARATOR.split(text) if part]
    found = [_strong_fields(part) for part in parts]
    if names_ok or (len(parts) > 1 and any(found)):
        found = [fields or _name_fields(part) for fields, part in zip(found, parts, strict=True)]
    short_asides = all(
        fields or _words(part) <= _ASIDE_MAX_WORDS for fields, part in zip(found, parts, strict=True)
    )
    if all(found) or (_has_anchor(found) and short_asides):
        return _whole_line_date([f for fields in found for f in fields], text)
    # The separators may belong to the date itself ("Sept. 13, 2023 - 3:45 p.m.").
    return _date_fields(text)


def _whole_line_date(fields: list[Field], text: str) -> list[Field]:
    """Read the date on the whole line too: a separator may split a date from its time
    ("16 April 2025 | 06:15 EDT"), and the whole line then gives the fuller value."""
    if not any(name == "published" for name, _ in fields):
        return fields
    whole = _date_fields(text)
    return [f for f in fields if f[0] != "published"] + whole if whole else fields


def _has_anchor(found: list[list[Field]]) -> bool:
    """A "By ..." part or a date part makes the line metadata even when a short part next to
    it is unknown ("By Jane Roe | Northbridge Syndicate", "By Jane Roe | 2 hours ago")."""
    return any(name in ("published", "byline") for fields in found for name, _ in fields)


def _strong_fields(part: str) -> list[Field]:
    return _date_fields(part) or _byline_fields(part) or _outlet_fields(part)


def _date_fields(text: str) -> list[Field]:
    published = parse_published(text)
    return [("published", published)] if published else []


def _byline_fields(text: str) -> list[Field]:
    """Fields from a line that opens with a byline prefix: "By Jane Roe", "Reporting by
    Jane Roe; Editing by Li Wei", "By Reuters" (an outlet). "By the time ..." gives []."""
    prefix = BYLINE_PREFIX.match(text)
    if prefix is None:
        return []
    rest = text[prefix.end() :]
    return _name_fields(rest) or _outlet_fields(rest)


def _name_fields(text: str) -> list[Field]:
    """The people at the start of a byline, and the outlet if one follows them:
    "Jane Roe and Li Wei, staff reporters" gives "Jane Roe and Li Wei"; "Jane Roe,
    Associated Press" gives the byline and the outlet."""
    names, rest = _split_people(text)
    if not names:
        return []
    return [("byline", _unshout(names)), *_outlet_fields(rest)]


def _split_people(text: str) -> tuple[str, str]:
    """Comma-separated segments that are names, and the text after them (a role, an
    outlet, a place)."""
    text = _BYLINE_ASIDE.sub(" ", _CONTACT.sub(" ", text.split(";")[0]))
    segments = [s.strip() for s in text.split(",")]
    count = 0
    for segment in segments:
        if not segment or BYLINE_ROLE.match(segment) or not _are_people(segment):
            break
        count += 1
    return ", ".join(segments[:count]), ", ".join(segments[count:])


def _are_people(segment: str) -> bool:
    return all(_is_person(p) for p in re.split(r"\s+(?:and|&)\s+", segment))


def _outlet_fields(text: str) -> list[Field]:
    return [("outlet", _unshout(text))] if _is_outlet(text) else []


def _unshout(text: str) -> str:
    """Title case for a name printed in capitals, so "JANE ROE" and "Jane Roe" are one
    person and "THE HARBOR LEDGER" one outlet; acronyms ("BBC") stay in capitals."""
    if text != text.upper() or text == text.lower():
        return text
    words = [_unshout_word(w, first=i == 0) for i, w in enumerate(text.split(" "))]
    return " ".join(words)


def _unshout_word(word: str, *, first: bool) -> str:
    lowered = word.lower()
    if lowered in OUTLET_ACRONYMS:
        return word
    if not first and (lowered in _CONNECTORS or lowered in NAME_PARTICLES):
        return lowered
    return word.title()


def _is_person(text: str) -> bool:
    """Person-shaped: 2-4 capitalised name tokens, particles allowed, no digits, no final
    period ("Ji Da-gyum", "Ursula von der Leyen", "Martin Luther King Jr.")."""
    tokens = text.split()
    core = [t for t in tokens if t.lower() not in NAME_PARTICLES and t.lower() not in NAME_SUFFIXES]
    if not 2 <= len(core) <= 4 or len(tokens) > 6 or not tokens[0][0].isupper():
        return False
    if text.endswith(".") and tokens[-1].lower() not in NAME_SUFFIXES and not _INITIALS.fullmatch(tokens[-1]):
        return False
    return all(_is_name_token(t) for t in core)


def _is_name_token(token: str) -> bool:
    if token.lower().rstrip(".") in NOT_NAME_WORDS or not token[0].isupper():
        return False
    return bool(_INITIALS.fullmatch(token)) or all(ch.isalpha() or ch in "-'’" for ch in token)


def _is_outlet(text: str) -> bool:
    """A masthead: a known name, or a short capitalised name with a publication word."""
    text = text.strip()
    if text.lower().removeprefix("the ") in KNOWN_OUTLETS:
        return True
    tokens = text.split()
    if not 1 <= len(tokens) <= 6 or _DIGIT_OR_COMMA.search(text) or text[-1] in ".!?:;":
        return False
    words = [t.lower() for t in tokens if t.lower() not in _CONNECTORS]
    if not words or not all(t[0].isupper() for t in tokens if t.lower() not in _CONNECTORS):
        return False
    if all(w in SECTION_WORDS for w in words[:-1]) and words[0] not in OUTLET_LEADING_WORDS:
        return False  # "World News", "Top Stories": a section, not a publication
    lowered = [t.lower() for t in tokens]
    of_form = any(a in OUTLET_WORDS and b == "of" for a, b in pairwise(lowered))
    leading = words[0] in OUTLET_LEADING_WORDS and len(words) <= 3
    suffixed = len(words) > 1 and words[-2] in OUTLET_WORDS and words[-1] in OUTLET_SUFFIXES
    return words[-1] in OUTLET_WORDS or leading or of_form or suffixed


# --- 5. Footer --------------------------------------------------------------------------


def _read_footer(paras: list[_Para], cleaned: CleanedText) -> list[_Para]:
    """Take a trailing "By Jane Roe, staff reporter" or date line after the last body
    paragraph: it is the byline (or date) when none was found above, and never body."""
    last_body = max((i for i, p in enumerate(paras) if _is_prose(p.text)), default=-1)
    first = max(last_body + 1, len(paras) - _FOOTER_LOOKBACK)
    kept = paras[:first]
    for para in paras[first:]:
        # Wire credits come in brackets: "(Reporting by Jane Roe; editing by Li Wei)".
        bare = para.text.strip("()[] ")
        fields = _byline_fields(bare) or _date_fields(bare)
        if fields:
            _fill(cleaned, fields, para.text)
        else:
            kept.append(para)
    return kept


# --- 6. Captions ------------------------------------------------------------------------


def _is_caption(text: str) -> bool:
    """A photo caption: a credit ("PHOTO: ...", "(Reuters/Yonhap)", "/ Getty Images"), or a
    position marker ("(left)") in a short paragraph that quotes nobody."""
    if CAPTION_CREDIT_START.match(text) or CAPTION_CREDIT_END.search(text[-CAPTION_TAIL_CHARS:]):
        return True
    if CAPTION_POSITION.search(text) is None:
        return False
    return _words(text) <= CAPTION_MAX_WORDS and not any(q in text for q in QUOTE_MARKS)


def _take_captions(paras: list[_Para], cleaned: CleanedText) -> list[_Para]:
    kept = []
    for para in paras:
        if _is_caption(para.text):
            _add_caption(cleaned, para.text)
        else:
            kept.append(para)
    return kept


def _add_caption(cleaned: CleanedText, text: str) -> None:
    if text not in cleaned.captions:
        cleaned.captions.append(text)


__all__ = ["CleanedText", "clean_plain_text"]
