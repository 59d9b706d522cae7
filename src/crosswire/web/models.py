"""The JSON shapes of every page: one model per page, shared by its HTML and its ``.json`` twin.

A view returns one of these; the JSON twin serializes it and the HTML page renders it, so
the two can never disagree. ``ArticleRecord`` and its parts mirror ``docs/export.md``
exactly (``crosswire.export.article_record``). Links are relative URLs, ready to follow.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

# -- the export schema (docs/export.md) --------------------------------------------------------


class Offsets(BaseModel):
    start: int
    end: int


class MentionRecord(BaseModel):
    text: str
    start: int
    end: int
    label: str
    entity_id: str | None = None
    canonical: str | None = None


class SpeakerRecord(BaseModel):
    name: str
    entity_id: str | None = None
    role: str | None = None
    kind: str
    span: Offsets | None = None
    role_span: Offsets | None = None


class DescriptionRecord(BaseModel):
    text: str = Field(description='how the article describes a speaker it does not name: "a senior official"')
    span: Offsets | None = None


class ViaRecord(BaseModel):
    name: str
    kind: str = Field(description="media, organization, person, document or unknown")
    span: Offsets | None = None


class QuoteRecord(BaseModel):
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None
    cue_span: Offsets | None = None
    speaker: SpeakerRecord | None = Field(default=None, description="null: no named speaker")
    speaker_description: DescriptionRecord | None = None
    confidence: float | None = Field(default=None, description="how sure the speaker is, 0-1")
    inherited: bool = False
    via: list[ViaRecord] = Field(default=[], description="the source chain, outermost first")
    parts: list[Offsets] = Field(default=[], description="a split quote's pieces")
    fragments: list[Offsets] = Field(default=[], description="a mixed quote's verbatim words")


class RangeEnds(BaseModel):
    start: str | None = None
    end: str | None = None


class TimeRecord(BaseModel):
    text: str
    start: int
    end: int
    value: str | None = None
    type: str
    anchor: Offsets | None = None
    note: str | None = None
    range: RangeEnds | None = Field(default=None, description="a range's two ends (TIMEX3 values)")
    duration: str | None = Field(default=None, description="the length a point was counted by: P20Y")
    reference: str | None = Field(default=None, description="the time a relative value was counted from")
    event: Offsets | None = Field(default=None, description="the head word of the clause the time dates")


class ArticleRecord(BaseModel):
    id: str
    source: str = Field(description="where the article was read from: a URL, or a file's name only")
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    dek: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1; null when too short or ambiguous")
    text: str
    captions: list[str] = []
    notes: list[str] = []
    near_duplicate_of: str | None = None
    sentences: list[Offsets] = []
    mentions: list[MentionRecord] = []
    quotes: list[QuoteRecord] = []
    times: list[TimeRecord] = []


class ExportPage(BaseModel):
    articles: list[ArticleRecord]
    total: int
    limit: int
    offset: int
    next: str | None = Field(default=None, description="URL of the next page, null on the last one")


# -- lists and pagination ----------------------------------------------------------------------


class Pagination(BaseModel):
    total: int | None = Field(default=None, description="rows in the whole listing, when cheap to count")
    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


class ArticleSummary(BaseModel):
    id: str
    url: str = Field(description="this article's page")
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    word_count: int | None = None
    language: str | None = Field(default=None, description="ISO 639-1; null when unknown")


class OutletCount(BaseModel):
    outlet: str
    articles: int


class LanguageCount(BaseModel):
    language: str | None = Field(description="ISO 639-1; null: too short or ambiguous to tell")
    articles: int


class ArticlesPage(BaseModel):
    articles: list[ArticleSummary]
    outlet: str | None = None
    language: str | None = None
    outlets: list[OutletCount]
    languages: list[LanguageCount] = []
    pagination: Pagination


# -- stories -------------------------------------------------------------------------------------


class StorySummary(BaseModel):
    id: str
    url: str
    title: str | None = None
    articles: int
    outlets: list[str]
    first_published: str | None = None
    last_published: str | None = None


class OutletGroup(BaseModel):
    outlet: str
    articles: list[ArticleSummary]


class DayGroup(BaseModel):
    day: str = Field(description="YYYY-MM-DD, or 'undated'")
    outlets: list[OutletGroup]


class StoriesPage(BaseModel):
    stories_available: bool = Field(description="false until story grouping has run on this store")
    note: str | None = None
    stories: list[StorySummary] = []
    days: list[DayGroup] = Field(
        default_factory=list, description="articles by day and outlet, while stories are absent"
    )
    article_count: int
    pagination: Pagination


class TimelinePoint(BaseModel):
    value: str = Field(description="normalized TIMEX3 value")
    type: str = Field(default="DATE", description="TIMEX3 type of the value")
    text: str = Field(description="the expression as written")
    outlet: str | None = None
    article_id: str
    sentence: str | None = None
    event: str | None = Field(default=None, description="the head word of the clause the time dates")
    reference: str | None = Field(default=None, description="the time a relative value was counted from")


class QuoteItem(BaseModel):
    speaker: str | None = None
    who: str = Field(default="unknown", description='as shown: "Kim (via KCNA)", "unknown (an aide)"')
    named: bool = Field(default=False, description="the article names the speaker")
    via: list[str] = []
    confidence: float | None = None
    role: str | None = None
    kind: str
    text: str
    inherited: bool = False
    outlet: str | None = None
    article_id: str
    article_url: str
    article_title: str | None = None
    published: str | None = None
    copies: int = Field(default=0, description="syndicated copies that repeat this quote")


class SpeakerQuotes(BaseModel):
    speaker: str
    url: str | None = Field(default=None, description="the speaker's entity page")
    css_class: str = Field(description="spk-N: the speaker's colour")
    roles: list[str]
    outlets: list[str]
    quotes: list[QuoteItem]


class OutletCoverage(BaseModel):
    outlet: str
    articles: int
    first_published: str | None = None


class SpanItem(BaseModel):
    """A span of one article's text: character offsets into ``articles.text``."""

    article_id: str
    article_url: str = Field(description="the article's page")
    outlet: str | None = None
    start: int
    end: int
    text: str


class QuoteSide(SpanItem):
    role: str | None = Field(default=None, description="the speaker's role as this outlet gives it")


class DiffPart(BaseModel):
    op: Literal["equal", "delete", "insert", "replace"]
    a: str = Field(description="words of rendering a ('' for an insert)")
    b: str = Field(description="words of rendering b ('' for a delete)")


class QuoteVariantItem(BaseModel):
    """One quote as two outlets rendered it, with the word diff from a to b."""

    speaker: str | None = None
    kind: str = Field(description="verbatim, truncated, paraphrased or translated")
    similarity: float
    a: QuoteSide
    b: QuoteSide
    diff: list[DiffPart]


class DisagreementItem(BaseModel):
    """Two outlets disagree on a detail of the same fact, or one leaves a fact out."""

    kind: str = Field(description="number, date, place, spelling or omission")
    a: SpanItem
    b: SpanItem | None = Field(default=None, description="null for an omission")
    missing_from: list[str] = Field(default_factory=list, description="outlets that leave the fact out")
    claim_a: SpanItem | None = Field(default=None, description="the sentence around a")
    claim_b: SpanItem | None = Field(default=None, description="the sentence around b")


class SingleOutletFact(BaseModel):
    outlet: str
    claims: list[SpanItem]


class BriefPart(BaseModel):
    """A piece of a line of the brief (``crosswire.stories.brief_sections``): plain words,
    an article's words, or a citation linking to the article page at its span."""

    kind: Literal["text", "quote", "cite"]
    text: str = Field(description='the words; for a citation its label, "[538fdaec:40-42]"')
    url: str | None = Field(default=None, description="a citation's link: the article page at the span")
    outlet: str | None = None


BriefLine = list[BriefPart]


class StoryPage(BaseModel):
    id: str
    title: str | None = None
    articles: list[ArticleSummary]
    coverage: list[OutletCoverage]
    timeline: list[TimelinePoint]
    who_said_what: list[SpeakerQuotes]
    events: list[BriefLine] = Field(
        default_factory=list, description="the timeline of events, readable dates, in date order"
    )
    top_line: BriefLine | None = Field(
        default=None, description="the most central fact every outlet reports; null: not computed yet"
    )
    conflicts: list[BriefLine] | None = Field(
        default=None, description="where outlets disagree (omissions never); null: not computed yet"
    )
    agreed: list[BriefLine] | None = Field(
        default=None, description="facts every outlet reports, each outlet cited; null: not computed yet"
    )
    not_computed: str | None = Field(
        default=None, description="set while the comparison has not been computed: how to compute it"
    )
    quote_variants: list[QuoteVariantItem] | None = Field(default=None, description="null: not computed yet")
    disagreements: list[DisagreementItem] | None = Field(default=None, description="null: not computed yet")
    only_one_outlet: list[SingleOutletFact] | None = Field(
        default=None,
        description="facts one outlet alone reports (none with one outlet); null: not computed yet",
    )


# -- one article ---------------------------------------------------------------------------------


class SpeakerChip(BaseModel):
    name: str
    url: str
    css_class: str
    roles: list[str]
    quotes: int


class EntityChip(BaseModel):
    name: str
    url: str
    label: str
    mentions: int


class RawPlace(BaseModel):
    """Where a cited span sits in the raw input (``crosswire.ingest.provenance``)."""

    media_type: str = Field(description="text or html")
    start: int | None = Field(default=None, description="text inputs: offset into the raw text")
    end: int | None = None
    element: str | None = Field(default=None, description="HTML inputs: XPath of the text node")
    offset: int | None = Field(default=None, description="HTML inputs: offset in that text node")


class CitedSpan(BaseModel):
    """The span a citation points at (``?start=S&end=E``), marked in the text as ``#anchor``."""

    start: int
    end: int
    text: str
    anchor: str
    raw: RawPlace | None = Field(default=None, description="null: not found in the raw input")


class ArticlePage(BaseModel):
    article: ArticleRecord
    cited: CitedSpan | None = Field(default=None, description="the span a citation link asked for")
    raw_url: str
    link: str | None = Field(default=None, description="the article's URL when it is http(s)")
    speakers: list[SpeakerChip]
    entities: list[EntityChip]
    sources: list[str] = Field(description="every place this article was read from (files by name only)")
    stories: list[StorySummary] = []


# -- entities ------------------------------------------------------------------------------------


class Alias(BaseModel):
    text: str
    label: str
    mentions: int


class RoleByOutlet(BaseModel):
    outlet: str | None = None
    role: str
    quotes: int


class Appearance(BaseModel):
    article_id: str
    url: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    mentions: int


class EntityPage(BaseModel):
    name: str
    entity_id: str | None = Field(default=None, description="set once entity resolution has run")
    resolved: bool = Field(description="false: matched by name, as written or as canonical")
    labels: list[str]
    aliases: list[Alias]
    roles_by_outlet: list[RoleByOutlet]
    quotes: list[QuoteItem]
    appearances: list[Appearance]
    window: int = Field(description="at most this many of the latest mentions and quotes are read")
    window_full: bool = Field(description="true: there are more, older mentions or quotes than shown")
    pagination: Pagination


# -- search --------------------------------------------------------------------------------------


class SnippetPart(BaseModel):
    text: str
    match: bool


class ArticleHit(ArticleSummary):
    snippet: list[SnippetPart] = []


class SearchPage(BaseModel):
    q: str | None = None
    outlet: str | None = None
    language: str | None = None
    date_from: str | None = Field(default=None, serialization_alias="from")
    date_to: str | None = Field(default=None, serialization_alias="to")
    speaker: str | None = None
    articles: list[ArticleHit]
    article_matches: int | None = Field(default=None, description="articles containing the words")
    ranked: bool = Field(description="false: too many matches to rank, listed newest first")
    quotes: list[QuoteItem]
    outlets: list[OutletCount]
    pagination: Pagination


# -- writing -------------------------------------------------------------------------------------


class IngestResult(BaseModel):
    status: Literal["added", "already stored"]
    id: str
    url: str = Field(description="the article's page")
    title: str | None = None
    near_duplicate_of: str | None = None
