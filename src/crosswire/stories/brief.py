"""The story brief: a one-page dossier in Markdown, HTML or JSON, every line citing its span.

What happened (the timeline), who said what (by speaker, with role and outlet), what only
one outlet reports, where the outlets disagree, and how they render the same quotes. The
three formats render one list of sections, so they cannot drift apart; the HTML escapes every
string that came from an article.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any, Literal

from crosswire.errors import CrosswireError
from crosswire.store.db import Database
from crosswire.stories.features import Embedder
from crosswire.stories.record import Record, story_record
from crosswire.stories.variants import diff_markup

Format = Literal["md", "html", "json"]
# A line is a list of parts: ("text", s) plain words, ("quote", s) article words, ("cite", span).
Part = tuple[str, Any]
Line = list[Part]
Section = tuple[str, list[Line]]


def render_brief(db: Database, story_id: str, fmt: Format = "md",
                 embedder: Embedder | Literal["auto"] | None = "auto") -> str:
    record = story_record(db, story_id, embedder)
    if record is None:
        raise CrosswireError(f"no story {story_id!r}: `crosswire stories` lists them")
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    renderers: dict[str, Callable[[Record, list[Section]], str]] = {"md": _markdown, "html": _html}
    if fmt not in renderers:
        raise CrosswireError(f"unknown brief format {fmt!r}: use md, html or json")
    return renderers[fmt](record, sections(record))


def sections(record: Record) -> list[Section]:
    return [("What happened", _timeline(record)), ("Who said what", _speakers(record)),
            ("Only one outlet reports", _unique(record)), ("Where they disagree", _disagreements(record)),
            ("Quote variants", _variants(record)), ("Articles", _articles(record))]


def _cite(span: dict[str, Any] | None) -> Part:
    return ("cite", span)


def _timeline(record: Record) -> list[Line]:
    lines = []
    for point in record["timeline"]:
        when = point.get("readable") or point["value"]  # records cached before issue 28 have no words
        line: Line = [("text", f"{when} — {', '.join(point['outlets'])}")]
        line += [p for m in point["mentions"] for p in (("quote", m["text"]), _cite(m))]
        if point.get("copies"):
            line.append(("text", f"(+{point['copies']} syndicated copies)"))
        for m in point["mentions"]:  # the mention in conflict, and what the other outlet says
            for c in m.get("conflicts", []):
                line += [("text", f"CONFLICT: {m['outlet']}"), ("quote", m["text"]), _cite(m),
                         ("text", f"vs {c['outlet']} ({c['value']})"), ("quote", c["text"]), _cite(c)]
        if point["conflicts_with"] and not any(m.get("conflicts") for m in point["mentions"]):
            line.append(("text", f"CONFLICT: other outlets give {', '.join(point['conflicts_with'])}"))
        lines.append(line)
    return lines


def _speakers(record: Record) -> list[Line]:
    lines = []
    for group in record["quotes"]:
        roles = f" ({'; '.join(group['roles'])})" if group["roles"] else ""
        lines.append([("text", f"{group['speaker']}{roles}:")])
        lines += [[("text", f"  {q['outlet']}{_who_beside(group, q)}:"), ("quote", q["text"]), _cite(q),
                   ("text", f"(+{q['copies']} syndicated copies)" if q.get("copies") else "")]
                  for q in group["quotes"]]
    return lines


def _who_beside(group: Record, quote: Record) -> str:
    """Who said one quote, when the group's heading does not say it all: "Putin (via TASS)",
    "unknown (a senior official)"."""
    who = str(quote.get("who") or group["speaker"])
    return f" — {who}" if who != group["speaker"] else ""


def _unique(record: Record) -> list[Line]:
    facts = record["coverage"]["facts"]
    return [[("text", f"{facts[i]['outlets'][0]}:"), ("quote", c["text"]), _cite(c)]
            for i in record["coverage"]["unique"] for c in facts[i]["claims"][:1]]


def _disagreements(record: Record) -> list[Line]:
    lines = []
    for d in record["disagreements"]:
        a, b = d["a"], d["b"]
        if d["kind"] == "omission":
            lines.append([("text", f"omission: {a['outlet']} names"), ("quote", a["text"]), _cite(a),
                          ("text", f"; not named by {', '.join(d['missing_from'])}")])
            continue
        lines.append([("text", f"{d['kind']}: {a['outlet']}"), ("quote", a["text"]), _cite(a),
                      ("text", f"vs {b['outlet']}"), ("quote", b["text"]), _cite(b)])
    return lines


def _variants(record: Record) -> list[Line]:
    return [[("text", f"{v['speaker']} ({v['kind']}): {v['a']['outlet']}"), ("quote", v["a"]["text"]),
             _cite(v["a"]), ("text", f"vs {v['b']['outlet']}"), ("quote", v["b"]["text"]), _cite(v["b"]),
             ("text", "diff:"), ("quote", diff_markup([tuple(op) for op in v["diff"]]))]
            for v in record["quote_variants"]]


# Syndicated copies named one by one in the brief; the rest are counted.
COPIES_LISTED = 5


def _articles(record: Record) -> list[Line]:
    copies = _copies(record)
    listed = [a for a in record["articles"] if a["id"] not in copies]  # sources first, then copies
    listed += [a for a in record["articles"] if a["id"] in copies][:COPIES_LISTED]
    lines = [[("text", f"{a['outlet'] or 'unknown outlet'}, {a['published'] or 'undated'}:"),
              ("quote", a["title"] or ""), ("cite", {"article_id": a["id"]}),
              ("text", f"(copy of {(a['near_duplicate_of'] or '')[:8]})" if a["id"] in copies else "")]
             for a in listed]
    if len(copies) > COPIES_LISTED:
        lines.append([("text", f"and {len(copies) - COPIES_LISTED} more syndicated copies")])
    return lines


def _copies(record: Record) -> list[str]:
    """Ids of syndicated copies: near-duplicates of another article of the story."""
    ids = {a["id"] for a in record["articles"]}
    return [a["id"] for a in record["articles"] if a.get("near_duplicate_of") in ids]



def cite_label(span: dict[str, Any] | None) -> str:
    if not span:
        return "[?]"
    where = f"{span['article_id'][:8]}"
    return f"[{where}:{span['start']}-{span['end']}]" if "start" in span else f"[{where}]"


def _markdown(record: Record, parts: list[Section]) -> str:
    out = [f"# {record['title']}", "", _dates(record), ""]
    for heading, lines in parts:
        out += [f"## {heading}", ""]
        out += [f"- {_md_line(line)}" for line in lines] or ["- (none)"]
        out.append("")
    return "\n".join(out)


def _md_line(line: Line) -> str:
    words = []
    for kind, value in line:
        if kind == "cite":
            words.append(cite_label(value))
        elif kind == "quote":
            words.append(f"“{' '.join(str(value).split())}”")
        elif value:
            words.append(str(value))
    return " ".join(words)


# Outlets named in the brief's heading line; more are counted.
OUTLETS_LISTED = 8


def _dates(record: Record) -> str:
    first, last = record.get("first_published"), record.get("last_published")
    copies = set(_copies(record))
    outlets = sorted({a["outlet"] or "unknown outlet" for a in record["articles"] if a["id"] not in copies})
    named = ", ".join(outlets[:OUTLETS_LISTED]) + (f" and {len(outlets) - OUTLETS_LISTED} more"
                                                   if len(outlets) > OUTLETS_LISTED else "")
    reprinted = f" (+{len(copies)} syndicated copies)" if copies else ""
    span = (first or "undated") if first == last else f"{first or '?'} to {last or '?'}"
    count = len(record["articles"])
    return f"{count} article{'s' if count != 1 else ''} from {named}{reprinted}; {span}"


def _html(record: Record, parts: list[Section]) -> str:
    esc = html.escape
    title = esc(str(record["title"]))
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{title}</title></head><body>", f"<h1>{title}</h1>",
           f"<p>{esc(_dates(record))}</p>"]
    for heading, lines in parts:
        out.append(f"<h2>{esc(heading)}</h2><ul>")
        out += [f"<li>{_html_line(line)}</li>" for line in lines] or ["<li>(none)</li>"]
        out.append("</ul>")
    return "\n".join([*out, "</body></html>"])


def _html_line(line: Line) -> str:
    words = []
    for kind, value in line:
        if kind == "cite":
            words.append(f'<cite class="span">{html.escape(cite_label(value))}</cite>')
        elif kind == "quote":
            words.append(f"<q>{html.escape(' '.join(str(value).split()))}</q>")
        elif value:
            words.append(html.escape(str(value)))
    return " ".join(words)
