"""The story brief for an editor: one screen of Markdown or HTML (or the record as JSON).

What the brief says is built once from the story record (``brief_sections``): the top line,
where outlets disagree, what every outlet reports, what only one reports, who said what, a
timeline of events and the sources. This module only renders it. Every line cites its
article and span: ``[538fdaec:40-42]`` in Markdown; in HTML a link to the article page
scrolled to that span and highlighted (``/articles/ID?start=S&end=E#s-S-E``). The HTML
escapes every string that came from an article.
"""

from __future__ import annotations

import html
import json
from typing import Any, Literal
from urllib.parse import urlsplit

from crosswire.errors import CrosswireError
from crosswire.store.db import Database
from crosswire.stories.brief_sections import Brief, Line, Section, build_brief, span_url
from crosswire.stories.features import Embedder
from crosswire.stories.record import Record, story_record

Format = Literal["md", "html", "json"]
FORMATS = ("md", "html", "json")
# What `--all` is called where the brief says that more is hidden.
SHOW_ALL = "`crosswire brief --all`"


def render_brief(db: Database, story_id: str, fmt: Format = "md",
                 embedder: Embedder | Literal["auto"] | None = "auto", show_all: bool = False,
                 link_base: str = "") -> str:
    """The brief of one story (an id or unique prefix) in ``fmt``; computes the comparison
    (and caches it) when the story has none yet. ``link_base`` prefixes the HTML brief's
    citation links ("http://127.0.0.1:8000", where ``crosswire serve`` runs)."""
    if fmt not in FORMATS:
        raise CrosswireError(f"unknown brief format {fmt!r}: use md, html or json")
    _check_link_base(link_base)
    record = story_record(db, story_id, embedder)
    if record is None:
        raise CrosswireError(f"no story {story_id!r}: `crosswire stories` lists them")
    return render_record(record, fmt, show_all, link_base)


def render_record(record: Record, fmt: Format = "md", show_all: bool = False, link_base: str = "") -> str:
    if fmt == "json":
        return json.dumps(record, ensure_ascii=False, indent=2)
    brief = build_brief(record, show_all)
    return markdown(brief) if fmt == "md" else page_html(brief, link_base)


def _check_link_base(link_base: str) -> None:
    if link_base and urlsplit(link_base).scheme not in ("http", "https"):
        raise CrosswireError(f"link base {link_base!r} is not an http(s) URL: e.g. http://127.0.0.1:8000")


def cite_label(span: dict[str, Any] | None) -> str:
    if not span:
        return "[?]"
    where = f"{span['article_id'][:8]}"
    return f"[{where}:{span['start']}-{span['end']}]" if "start" in span else f"[{where}]"


def span_href(span: dict[str, Any], link_base: str = "") -> str:
    """The article page scrolled to the span and highlighting it; the article alone without one."""
    return link_base.rstrip("/") + span_url(str(span["article_id"]), span.get("start"), span.get("end"))


# -- Markdown ------------------------------------------------------------------------------------


def markdown(brief: Brief) -> str:
    out = [f"# {md_safe(brief.title)}", "", md_safe(brief.summary), "", f"**{_md_line(brief.top_line)}**", ""]
    for section in brief.sections:
        out += [f"## {section.heading}", ""]
        out += [f"- {_md_line(line)}" for line in section.lines] or ["- (none)"]
        if section.hidden:
            out.append(f"- … {section.hidden} more: {SHOW_ALL}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_line(line: Line) -> str:
    words = []
    for kind, value in line:
        if kind == "cite":
            words.append(cite_label(value))
        elif kind == "quote":
            words.append(f"“{md_safe(' '.join(str(value).split()))}”")
        elif value:
            words.append(md_safe(str(value)))
    return " ".join(words)


def md_safe(text: str) -> str:
    """Article words that stay words when the Markdown is rendered: no raw HTML (``<``) and
    no link (``](``); everything else is left as written, for the terminal's sake."""
    return text.replace("<", "\\<").replace("](", "]\\(")


# -- HTML ----------------------------------------------------------------------------------------


def page_html(brief: Brief, link_base: str = "") -> str:
    esc = html.escape
    title = esc(brief.title)
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{title}</title></head><body>", f"<h1>{title}</h1>", f"<p>{esc(brief.summary)}</p>",
           f'<p class="top-line"><strong>{html_line(brief.top_line, link_base)}</strong></p>']  # fmt: skip
    out += [_html_section(s, link_base) for s in brief.sections]
    return "\n".join([*out, "</body></html>"])


def _html_section(section: Section, link_base: str) -> str:
    items = [f"<li>{html_line(line, link_base)}</li>" for line in section.lines] or ["<li>(none)</li>"]
    if section.hidden:
        items.append(f"<li>… {section.hidden} more: {html.escape(SHOW_ALL)}</li>")
    return "\n".join([f"<h2>{html.escape(section.heading)}</h2><ul>", *items, "</ul>"])


def html_line(line: Line, link_base: str = "") -> str:
    words = []
    for kind, value in line:
        if kind == "cite" and value:
            words.append(f'<a class="cite" href="{html.escape(span_href(value, link_base))}">'
                         f"{html.escape(cite_label(value))}</a>")  # fmt: skip
        elif kind == "quote":
            words.append(f"<q>{html.escape(' '.join(str(value).split()))}</q>")
        elif value and kind == "text":
            words.append(html.escape(str(value)))
    return " ".join(words)
