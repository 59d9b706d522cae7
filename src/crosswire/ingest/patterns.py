"""Word lists and line patterns the plain-text cleaner and the date finder rely on.

Kept as data, apart from the code that uses them (trafilatura keeps its boilerplate
lists the same way), so that adding an outlet's habit is a one-line change here and the
cascade in ``plaintext.py`` stays readable. Everything is immutable: tuples, frozensets,
compiled regexes and read-only mappings.
"""

from __future__ import annotations

import re

from crosswire.lexicon import MASTHEAD_WORDS, MONTHS, NEWS_ORGANISATIONS, WEEKDAYS

# The tables below are laid out for reading (several words a line, regex alternatives one
# idea a line); the formatter would put one word a line, so it is switched off here.
# fmt: off

# --- Whole-line boilerplate -------------------------------------------------------------
# Site furniture that scrapers copy along with the article: navigation, sharing buttons,
# newsletter prompts, copyright notices. A line is dropped only when the WHOLE line matches
# (see BOILERPLATE_MAX_WORDS), so prose that merely mentions "share" or "print" survives.
_SOCIAL = (
    r"(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|print|reddit|telegram|pinterest"
    r"|flipboard|copy\ link|messenger|line|kakao(?:talk)?)"
)
# One sharing button; a line may hold several ("Share on Facebook  Share on X  Email").
_SHARE = (
    r"(?:share(?:\ this)?(?:\ (?:article|story|page|post))?(?:\ (?:on|via)\ " + _SOCIAL + r")?"
    r"|" + _SOCIAL + r"|tweet)"
)
# "Most viewed", "Most read articles today": both a boilerplate line and a tail heading.
_MOST = r"most\ (?:viewed|read|popular|shared|commented)(?:\ (?:articles|stories|news))?(?:\ today)?"
BOILERPLATE_LINE = re.compile(
    r"""
    (?:scroll|back|go|return)\ to\ (?:the\ )?top
    | skip\ to\ (?:main\ )?content
    | related\ (?:stories|articles|news|content|posts|coverage|topics|links|reading)
    | """ + _MOST + r"""
    | """ + _SHARE + r"""(?:[\s,|·/]+""" + _SHARE + r""")*
    | advertisement | advertising | ad | sponsored(?:\ content)?
    | subscribe(?:\ now)?(?:\ to\ .*)?
    | sign\ (?:up|in)(?:\ (?:for|to)\ .*)? | log\ ?in | register
    | (?:get|download)\ (?:the|our)\ app.*
    | click\ here\b.*
    | read\ more\b.* | continue\ reading.* | see\ also | also\ read\b.*
    | please\ direct\ (?:your\ )?(?:questions|comments|inquiries)\b.*
    | copyright\s*(?:©|\(c\)|(?:19|20)\d\d).* | ©.* | \(c\)\ (?:19|20)\d\d\b.*
    | .*\ball\ rights\ reserved\b.*
    | button\ that\ moves?\ to\ (?:the\ )?original\b.*
    | comments?(?:\ \(\d+\))? | \d+\ comments? | (?:leave|post|view|show)\ (?:a\ )?comments?
    | follow\ us\b.* | follow\ @\w+.*
    | listen\ to\ (?:this\ )?(?:article|story)\b.* | \d+\ min(?:ute)?s?\ read
    | (?:enlarge|expand)\ (?:this\ )?image | (?:toggle|hide|show)\ caption | loading\.*
    | report\ an?\ (?:error|typo|correction) | contact\ us | menu | close
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Long lines are prose even when they start like boilerplate ("Click here to read the
# ruling, which ..." is still junk, but a 40-word paragraph is not a sharing button).
BOILERPLATE_MAX_WORDS = 30

# --- Tail lists -------------------------------------------------------------------------
# Headings that open the headline lists sites append after the article. Once one appears
# after the body and only short lines follow it, the whole tail is navigation.
TAIL_HEADING = re.compile(
    r"""
    related(?:\ (?:stories|articles|news|content|posts|coverage|topics|links|reading))?
    | """ + _MOST + r"""
    | more\ (?:from|on|in|about)\b.* | more\ (?:stories|news|headlines|articles)
    | recommended(?:\ (?:for\ you|stories|articles|reading))? | read\ more\b.*
    | you\ (?:may|might)\ (?:also\ )?(?:like|be\ interested\ in).* | also\ read | see\ also
    | (?:top|latest|trending|popular|editor'?s?)\ (?:stories|news|now|picks|articles|headlines)
    | trending | what\ to\ read\ next | in\ other\ news | (?:further|recommended)\ reading
    """,
    re.IGNORECASE | re.VERBOSE,
)

# --- Captions ---------------------------------------------------------------------------
# Position markers say where a person stands in a photo; prose almost never uses them.
CAPTION_POSITION = re.compile(
    r"\((?:(?:far|second|third|fourth)\s+)?(?:from\s+)?"
    r"(?:left|right|center|centre|top|bottom|above|below|inset|front|back|middle)"
    r"(?:\s+(?:row|to\s+right|to\s+left))?\)"
    r"|\((?:l-r|r-l|from\s+l(?:eft)?\s+to\s+r(?:ight)?)\)",
    re.IGNORECASE,
)
# Photo and news agencies that appear in credits ("AP/THE KOREA HERALD", "/ Getty Images").
_AGENCY = (
    r"(?:Getty\ Images|AFP|AP|Reuters|REUTERS|EPA(?:-EFE)?|Shutterstock|Bloomberg|Yonhap|"
    r"YONHAP|Xinhua|XINHUA|Alamy|Newsis|NEWSIS|News1|Kyodo|KYODO|KCNA|Joint\ Press\ Corps)"
)
# Photo credits: where a caption says who took the picture. Credits open or close a
# caption, so there are two patterns, one matched at the start of a paragraph and one at
# its end (searched in the last CAPTION_TAIL_CHARS only, which keeps long paragraphs
# cheap). Body prose can say "a photo: ..." in passing but does not end with a credit.
CAPTION_CREDIT_START = re.compile(
    r"""
    (?:PHOTO|Photo|Photograph|Picture|Image|IMAGE|Photos|PHOTOS)\s*(?:credit)?\s*:\s*\S
    | \[(?:PHOTO|Photo|IMAGE|Image)\b
    | (?:Photo|Photograph|Picture|Image)s?\ (?:by|courtesy\ of)\ [A-Z]
    | (?:Credit|CREDIT|Photo\ credit|Image\ credit)\s*:\s*\S
    | """ + _AGENCY + r"""\s*/\s*[A-Z][\w.&'’-]*(?:\ [\w.&'’-]+){0,3}$
    """,
    re.VERBOSE,
)
CAPTION_CREDIT_END = re.compile(
    r"""
    \b(?:PHOTO|Photo|Photograph|Image|Picture)\s*:\s*[^.!?"“”]{2,60}$
    | \b(?:Photo|Photograph|Picture)\ (?:by|courtesy\ of)\ [^.!?"“”]{2,60}$
    | \((?:AP|AFP|EPA|Reuters|Yonhap|Xinhua|Getty)?\s*(?:Photo|Image|Photograph)s?\b[^()]{0,60}\)$
    | \([A-Z][\w.&'’-]*(?:\ [A-Z\w.&'’-]+){0,3}\s*/\s*[A-Z][\w.&'’-]*(?:\ [\w.&'’-]+){0,4}\)$
    | /\s*""" + _AGENCY + r"""(?:\ via\ [\w\ ]+)?$
    """,
    re.VERBOSE,
)
CAPTION_TAIL_CHARS = 120
# A paragraph with only a position marker (no credit) is a caption when it is this short
# and quotes nobody: quotation marks mean reported speech, i.e. body prose.
CAPTION_MAX_WORDS = 60
QUOTE_MARKS = frozenset('"“”«»')

# --- Outlets ----------------------------------------------------------------------------
# Words that make a short capitalised line the name of a publication ("The Korea Herald",
# "Daily Planet", "Yonhap News Agency").
OUTLET_WORDS = MASTHEAD_WORDS
# Words that may follow the publication word ("Meridian Wire Service", "News Syndicate").
OUTLET_SUFFIXES = frozenset({"service", "services", "syndicate", "online", "digital", "group"})
# Leading words that also name a publication ("Daily Planet", "Sunday Times").
OUTLET_LEADING_WORDS = frozenset({"daily", "weekly", "sunday", "evening", "morning"})
# Outlets known by name (the lexicon's news organisations), compared lower-cased and without a
# leading "the": on a short header line any of them is a masthead.
KNOWN_OUTLETS = frozenset(name.lower().removeprefix("the ") for name in NEWS_ORGANISATIONS)
# Acronyms kept in capitals when a masthead printed in capitals is put in title case
# ("KBS NEWS" -> "KBS News", "THE HARBOR LEDGER" -> "The Harbor Ledger").
OUTLET_ACRONYMS = frozenset({
    "ap", "afp", "bbc", "cnn", "npr", "pbs", "nhk", "kbs", "mbc", "sbs", "dpa", "efe", "upi",
    "dw", "cna", "abc", "cbs", "nbc", "itv", "rte", "cbc", "ctv", "rfi", "voa", "rfa", "kcna",
    "scmp", "tass", "ansa", "tv", "uk", "us", "usa", "nk", "msnbc", "cnbc", "ft", "wsj",
})
# Desk and section names: a breadcrumb such as "World News" or "Top Stories" has the
# shape of a masthead but names a page section, so it is not taken as the outlet.
SECTION_WORDS = frozenset({
    "world", "local", "national", "international", "business", "politics", "sports",
    "sport", "tech", "technology", "science", "health", "opinion", "entertainment",
    "culture", "top", "latest", "breaking", "more", "home", "economy", "markets", "lifestyle",
    "defense", "diplomacy", "social", "affairs", "finance", "travel", "features", "feature",
    "editorial", "editorials", "columns", "column", "analysis", "video", "videos", "photos",
    "photo", "gallery", "live", "updates", "today", "weather", "general",
    # kickers printed above a headline
    "exclusive", "explainer", "interview", "commentary", "perspective", "podcast", "premium",
    "insight", "special", "report", "investigation", "fact", "check", "sponsored",
    "wires", "wire", "syndicated", "agencies",
})
# Region words that head breadcrumbs ("North Korea", "Middle East") and would otherwise
# pass for a two-word person's name on a header line.
PLACE_WORDS = frozenset({
    "north", "south", "east", "west", "korea", "korean", "asia", "europe", "africa",
    "america", "americas", "middle", "pacific", "atlantic", "china", "japan", "russia",
    "united", "states", "kingdom", "nations", "union", "european", "latin", "gulf",
})

# --- Bylines ----------------------------------------------------------------------------
# What introduces the author on a byline line. "By the time ..." also starts with "By":
# the name-shape check after the prefix is what keeps prose out.
BYLINE_PREFIX = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by|reported\s+by|text\s+by)\s*:?\s+",
    re.IGNORECASE,
)
# Role descriptions after a name ("By Jane Roe, staff reporter"); the name stops there.
BYLINE_ROLE = re.compile(
    r"^(?:(?:senior|chief|staff|special|foreign|political|local|national|contributing|"
    r"guest|freelance|associate|deputy|managing)\s+)*"
    r"(?:reporter|writer|correspondent|editor|columnist|journalist|contributor|"
    r"photographer|producer|analyst|staff|bureau\s+chief|intern|in\s+\w+.*|for\s+\w+.*)s?\b.*$",
    re.IGNORECASE,
)
# Particles that may sit inside a person's name without a capital ("Ursula von der Leyen").
NAME_PARTICLES = frozenset({
    "de", "del", "della", "der", "den", "van", "von", "bin", "binti", "bint", "al", "el",
    "da", "di", "du", "la", "le", "dos", "das", "do", "ibn", "ter", "ten", "y", "e", "zu",
})
# Suffixes allowed at the end of a name, even though "Jr." ends with a period.
NAME_SUFFIXES = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"})
# Weekdays in full ("Sun" and "Sat" abbreviate weekdays but also start people's names).
_FULL_WEEKDAY_NAMES = frozenset(day for day in WEEKDAYS if day.endswith("day"))
# Capitalised words that never start or make up a person's name on a header line; they
# keep dates, mastheads and section labels out of the byline.
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "updated", "posted", "published", "modified", "photo", "photos",
    "image", "video", "advertisement", "share", "by", "from", "in", "on", "at", "for",
    "today", "yesterday", "reuters", "staff", "editorial",
    "breaking", "exclusive", "opinion", "analysis", "news", "live", "read", "more",
    "related", "comments", "subscribe", "menu", "home", "search", "login", "herald",
    "times", "journal", "tribune", "gazette", "agency", "daily", "press", "chronicle",
    "broadcasting", "telegraph", "guardian", "newspaper", "magazine",
    # roles: "Jane Roe, Northbridge Correspondent" names one person, not two
    "correspondent", "reporter", "writer", "editor", "columnist", "contributor",
    "journalist", "photographer", "producer", "bureau", "chief", "desk",
}) | SECTION_WORDS | PLACE_WORDS | frozenset(MONTHS) | _FULL_WEEKDAY_NAMES

# --- Dates ------------------------------------------------------------------------------
# Labels printed before a publication date; a date line is "label + date", and these
# words do not count as prose when deciding whether a line is mostly a date.
DATE_LINE_WORDS = frozenset({
    "posted", "published", "updated", "modified", "last", "first", "on", "at", "date",
    "time", "created", "edited", "by", "and", "issued", "release", "released", "dated",
    "am", "pm", "a.m", "p.m", "of", "the", "since", "revised", "uploaded",
    # relative stamps printed next to the date ("Updated 2 hours ago")
    "ago", "hour", "hours", "min", "mins", "minute", "minutes", "day", "days",
})
# Weekdays, months and time zones are shared with the date stage: see ``crosswire.lexicon``.

# --- Paragraph shape --------------------------------------------------------------------
# A body paragraph is long prose that ends like a sentence; titles, deks, bylines and
# credits do not. These are the thresholds and the accepted endings.
BODY_MIN_WORDS = 20
SHORT_BODY_MIN_WORDS = 8  # fallback for briefs whose paragraphs are all short
TERMINAL_PUNCTUATION = tuple('.!?…"”’\'»')
# What separates fields printed on one header line ("Jane Roe | Reuters",
# "The Korea Herald · Sept. 13, 2023"); a hyphen counts only with spaces around it.
FIELD_SEPARATOR = re.compile(r"\s+[|·•–—-]\s+|\s*[|·•]\s*")
# fmt: on
