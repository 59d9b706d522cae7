"""Word lists the quote finder and the cast rely on: quotation marks, reporting verbs, speakers.

Kept as data, apart from the code that reads them (trafilatura keeps its lists the same way),
so that adding a newsroom habit is a one-line change here. Titles, role words, demonyms and the
words of the press are shared with ingest, entities and resolution: they live in
``crosswire.lexicon``, and what is here takes the quote finder's share of them. Everything is
immutable. Words are lower-case; verbs are spaCy lemmas.
"""

from __future__ import annotations

from types import MappingProxyType

from crosswire import lexicon
from crosswire.lexicon import PRESS_AUDIENCE_WORDS, PRESS_SPEAKER_WORDS, TITLE_MODIFIERS, TITLES


def with_periods(words: frozenset[str]) -> frozenset[str]:
    """Each word as written with and without a final period ("mr", "mr.")."""
    return words | {f"{word}." for word in words}


# The tables below are laid out for reading (several words a line, one idea a line); the
# formatter would put one word a line, so it is switched off here.
# fmt: off

# --- Quotation marks -------------------------------------------------------------------------
# Double marks open and close direct speech; single marks nest inside them (or are the primary
# marks in British copy). The straight forms are told open from close by their neighbours.
DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"

# --- Reporting verbs ---------------------------------------------------------------------------
# Lemmas of verbs that introduce speech or a written statement: the cue of a quote. Verbs of
# thought ("believe", "think") are left out on purpose: "X believes Y" is an opinion the
# writer ascribes, not something X is quoted as saying.
STRONG_CUES = frozenset({
    "say", "tell", "add", "warn", "argue", "stress", "assess", "explain", "note", "claim",
    "insist", "state", "announce", "write", "declare", "ask", "answer", "reply", "respond",
    "suggest", "acknowledge", "admit", "deny", "confirm", "predict", "emphasize", "emphasise",
    "caution", "urge", "complain", "allege", "contend", "maintain", "observe", "remark",
    "recall", "tweet", "testify", "concede", "reiterate", "underscore", "assert", "counter",
    "quip", "joke", "recount", "reveal", "disclose", "conclude", "comment", "mention", "boast",
    "lament", "speculate", "hint", "shout", "yell", "scream", "exclaim", "whisper", "murmur",
    "muse", "proclaim", "echo", "retort", "opine", "tout", "gush", "rail", "vent", "snap",
    "fume", "plead", "swear", "affirm", "assure", "brag", "chide", "clarify", "elaborate",
    "grumble", "interject", "mutter", "object", "protest", "rebut", "recite", "rejoin",
    "repeat", "reckon", "sigh", "summarize", "summarise", "theorize", "volunteer", "concur",
    "preach", "quote", "inform",
})
# Verbs that are only a cue when a quote or a "that" clause hangs on them, because on their
# own they mostly mean something else ("continue to", "call for", "post a loss", "find a body").
WEAK_CUES = frozenset({
    "continue", "call", "dub", "label", "brand", "post", "charge", "agree", "blast", "accuse",
    "criticize", "criticise", "praise", "thank", "cite", "promise", "vow", "pledge", "threaten",
    "demand", "propose", "recommend", "forecast", "estimate", "describe", "report", "read",
    "laud", "find", "show", "attack", "scold", "slam", "mock", "chant", "sing", "characterize",
    "characterise", "release", "issue", "question", "wonder", "dismiss", "remind", "offer",
    "order", "pray", "tease", "defend", "reject", "signal",
})
REPORTING_LEMMAS = STRONG_CUES | WEAK_CUES

# Speech verbs whose content is not a "that" clause but a complement: what was promised or
# urged ("vowed to rebuild the pier", "urged the council to vote"), called for ("called for a
# recount"), alleged of someone ("accused the mayor of lying") or said of something ("described
# the plan as reckless", "called the vote a farce"). Per lemma, the shapes its content takes:
#   "to"  an infinitive (after an object or not): "pledged to", "urged X to";
#   "ing" a gerund: "proposed raising", "recommended closing";
#   "obj" an object with a predicate: "called the vote a farce", "dubbed it a failure";
#   "thing" the object itself: "cited rising rents" (see below);
#   and prepositions: the object of "for"/"on", or an object and its "of"/"as" phrase.
# Verbs of thought, wish and perception (think, believe, expect, want, see) stay out.
COMPLEMENT_CUES = MappingProxyType({
    "promise": frozenset({"to"}), "pledge": frozenset({"to"}), "vow": frozenset({"to"}),
    "threaten": frozenset({"to"}), "swear": frozenset({"to"}), "refuse": frozenset({"to"}),
    "agree": frozenset({"to"}), "decline": frozenset({"to"}),
    "urge": frozenset({"to", "ing"}), "encourage": frozenset({"to"}), "implore": frozenset({"to"}),
    "tell": frozenset({"to"}), "warn": frozenset({"to"}),
    "order": frozenset({"to"}), "instruct": frozenset({"to"}), "challenge": frozenset({"to"}),
    "propose": frozenset({"to", "ing"}), "suggest": frozenset({"ing"}),
    "recommend": frozenset({"ing"}), "advocate": frozenset({"ing", "for"}),
    "call": frozenset({"for", "on", "obj"}), "push": frozenset({"for"}), "press": frozenset({"for"}),
    "plead": frozenset({"for"}), "argue": frozenset({"for", "against"}),
    "accuse": frozenset({"of"}), "charge": frozenset({"with"}), "blame": frozenset({"for"}),
    "describe": frozenset({"as"}), "characterize": frozenset({"as"}),
    "characterise": frozenset({"as"}), "portray": frozenset({"as"}), "dismiss": frozenset({"as"}),
    "dub": frozenset({"obj"}), "label": frozenset({"obj", "as"}), "brand": frozenset({"obj", "as"}),
    "speak": frozenset({"of", "about"}), "talk": frozenset({"about"}),
    "complain": frozenset({"about"}),
} | {lemma: frozenset({"thing"}) for lemma in (
    # "thing": the object alone, for verbs whose object is what was said ("cited rising rents",
    # "denied any wrongdoing", "demanded a recount").
    "cite", "mention", "discuss", "criticize", "criticise", "attack", "praise", "reject",
    "demand", "announce", "deny", "acknowledge", "defend", "blast", "slam", "note",
    "reveal", "disclose", "confirm", "report")})

# Nouns of something said, whose "that" clause is reported speech: "Kim's claim that the port
# was closed", "a warning by the agency that …", "made the promise that …". The owner (a
# possessive, "by X", or the subject of the verb the noun is the object of) is the speaker.
CLAIM_NOUNS = frozenset({
    "claim", "assertion", "statement", "warning", "promise", "pledge", "vow", "argument",
    "allegation", "accusation", "suggestion", "insistence", "announcement", "admission",
    "assurance", "contention", "complaint", "denial", "prediction", "remark", "remarks",
    "comment", "comments", "threat", "declaration", "charge", "charges", "report",
})

# Verbs that report in the passive with an infinitive: "X is said to have left", "is reported
# to be ill". Not verbs of belief ("is believed to", "is expected to"): no one is reported.
PASSIVE_REPORTING = frozenset({"say", "report", "rumor", "rumour", "allege", "claim"})

# Verbs that give something a name: a quoted Title-Case term after them is the speaker's
# epithet ("called him “Crooked Hillary”"), elsewhere the title of a work or show.
NAMING_VERBS = frozenset({"call", "dub", "label", "brand", "name", "nickname", "describe"})
# Words a title leaves in lower case ("The Art of the Deal").
TITLE_SMALL_WORDS = frozenset({
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from",
    "&", "-", "–", "—",
})

# Reporting verbs that need a particle to be a cue ("pointed out", not "pointed at").
PARTICLE_CUES = MappingProxyType({
    "point": frozenset({"out"}),
    "spell": frozenset({"out"}),
    "speak": frozenset({"out", "up"}),
    "weigh": frozenset({"in"}),
    "chime": frozenset({"in"}),
    "go": frozenset({"on"}),
})

# Prepositions whose object is a source: "according to X", "in the words of X".
SOURCE_PREPOSITIONS = (("according", "to"), ("in", "the", "words", "of"))

# Objects of "tell"/"speak to" that make the cue an interview with the press: the speaker is a
# source the newspaper talked to (an analyst, a witness), not a leader reported from afar.
PRESS_AUDIENCE = PRESS_AUDIENCE_WORDS

# --- Names ---------------------------------------------------------------------------------------
# Honorifics and titles that stand before a name without being part of it. "President Putin" is
# "Putin"; the title becomes part of the role instead (see ROLE_WORDS). The lexicon's titles but
# the modifiers ("former" stays in the name's phrase as part of the role), with or without a period.
HONORIFICS = with_periods(TITLES - TITLE_MODIFIERS)
# Forms of address: titles that say nothing of what a person does, so never a role alone.
ADDRESS_FORMS = with_periods(lexicon.ADDRESS_FORMS)
# Honorifics that tell a person's gender (used to pick between "he" and "she").
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord", "king", "prince", "father", "brother",
                             "monsieur", "herr", "chairman", "spokesman", "congressman",
                             "businessman", "sheikh", "actor", "husband", "son"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady", "queen",
                               "princess", "madam", "madame", "frau", "sister", "chairwoman",
                               "spokeswoman", "congresswoman", "businesswoman", "actress",
                               "wife", "daughter", "mother"})

# Possessive endings stripped from a name: "Russia’s", "Kim's".
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")

# --- Speakers that are not one named person ------------------------------------------------------
PERSONAL_PRONOUNS = MappingProxyType({
    "he": "male", "she": "female", "him": "male", "her": "female",
})
GROUP_PRONOUNS = frozenset({"they", "it", "we"})

# Head nouns of a speaker phrase that is the press ("state media said", "the newspaper said").
MEDIA_NOUNS = PRESS_SPEAKER_WORDS
# Head nouns of a speaker phrase that is an institution ("the ministry said").
ORG_NOUNS = frozenset({
    "ministry", "government", "office", "department", "agency", "company", "firm", "police",
    "military", "army", "navy", "council", "committee", "party", "campaign", "court", "embassy",
    "administration", "university", "group", "organization", "organisation", "bank", "union",
    "commission", "board", "parliament", "congress", "senate", "house", "kremlin", "pentagon",
    "cabinet", "regime", "authority", "authorities", "coalition", "alliance", "association",
    "institute", "foundation", "corporation", "service", "bureau", "secretariat", "presidency",
    "team", "club", "federation", "network",
    "prosecutors", "white", "command", "headquarters", "spokespeople",
})

# --- Source chains -------------------------------------------------------------------------------
# Head nouns of what words came through rather than who said them: "a study by X found" is X's
# finding via the study, "X issued a statement saying" is X via the statement. A document with
# no owner in the sentence ("reports said", "a video showed") is no speaker: the speaker is
# unknown, and the document is the quote's ``via``.
DOCUMENT_NOUNS = frozenset({
    "statement", "report", "study", "poll", "survey", "email", "letter", "memo", "memorandum",
    "video", "post", "tweet", "document", "filing", "complaint", "lawsuit", "release", "remarks",
    "comments", "analysis", "paper", "transcript", "recording", "audit", "review", "message",
    "footage", "editorial", "column", "op-ed", "blog", "records", "research", "investigation",
    "findings", "indictment", "ruling", "verdict", "petition", "assessment", "estimate",
    "notice", "announcement", "communique", "communiqué", "readout", "testimony", "speech",
    "interview", "book", "article", "clip", "broadcast", "podcast", "text", "texts", "posts",
    "emails", "letters", "documents", "reports", "studies", "polls", "surveys", "videos", "tweets",
    "tally", "count", "story", "stories", "e-mail", "e-mails", "mail", "suit", "brief", "briefs",
})
# Things that "suggest" or "show" inside someone's reported speech: "Rao said the ad "falsely"
# suggests …" quotes Rao, not the ad.
THING_NOUNS = DOCUMENT_NOUNS | frozenset({
    "ad", "advertisement", "commercial", "plan", "bill", "law", "policy", "proposal", "measure",
    "decision", "move", "deal", "rule", "budget", "data", "evidence", "figures", "numbers",
})
# Verbs by which someone puts out a document that then "says" something.
ISSUING_VERBS = frozenset({
    "issue", "release", "post", "publish", "put", "send", "write", "tweet", "share", "file",
    "sign", "submit", "upload", "air", "broadcast", "deliver", "give", "make", "pen", "circulate",
    "unleash", "unveil", "fire", "launch",
})
# Nouns that count documents: "unleashed a series of posts claiming …" is posts all the same.
SERIES_NOUNS = frozenset({"series", "string", "flurry", "barrage", "stream", "volley", "pair", "couple"})
# Verbs by which one source passes on another's words: "TASS quoted Putin as saying".
QUOTING_VERBS = frozenset({"quote", "cite"})
# Participles by which a speaker appears on a medium: "speaking on Channel One".
APPEARING_VERBS = frozenset({"speak", "appear", "write", "talk", "post", "say", "share", "tweet"})
# Events words are said at, whose organiser is a link of the chain: "on a call organised by Y".
EVENT_NOUNS = frozenset({
    "call", "briefing", "conference", "webinar", "podcast", "broadcast", "programme", "program",
    "show", "interview", "hearing", "forum", "summit", "meeting", "event", "rally", "panel",
    "appearance",
})

# --- Not speech ------------------------------------------------------------------------------------
# Verbs of perception: "found him lying", "saw her leave" report what someone perceived.
PERCEPTION_VERBS = frozenset({"find", "see", "hear", "watch", "notice", "spot", "catch", "observe",
                              "feel"})
# Verbs the writer draws a conclusion with ("…, suggesting that", "which means that"): with
# no subject of their own, or a relative "which", they are the writer's inference.
INFERENCE_VERBS = frozenset({"suggest", "mean", "indicate", "imply", "signal", "show", "underscore",
                             "highlight", "reflect", "confirm", "reveal"})
# What shows a scene rather than says something: "a video showed Kim shaking hands".
PICTURE_NOUNS = frozenset({"video", "footage", "photo", "photograph", "image", "picture", "clip",
                           "camera", "recording", "livestream", "broadcast"})
# What a headline may open with before its colon when no name does: "Poll: Most riders …".
HEADLINE_SOURCES = frozenset({"poll", "survey", "study", "report"})
# Words that open an adverbial clause: a reporting verb inside one ("“…,” when Kim mocked
# him") tells when the quote was said, not who said it.
CLAUSE_OPENERS = frozenset({"when", "after", "before", "because", "while", "since", "until",
                            "although", "though", "whereas"})
# Words that open a question put to someone: "asked him whether …".
QUESTION_OPENERS = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who",
                              "which", "about"})

# --- Roles -----------------------------------------------------------------------------------------
# Words a role is made of when it stands before a name ("Kremlin press secretary Dmitry Peskov",
# "North Korean leader Kim Jong-un") are the lexicon's ROLE_WORDS; titles in HONORIFICS count too.
# Roles of people a newspaper interviews: a "told the paper" cue points to one of them rather
# than to a leader who shares the surname.
SOURCE_ROLE_WORDS = frozenset({
    "analyst", "professor", "researcher", "expert", "fellow", "scholar", "economist",
    "strategist", "lecturer", "scientist", "commentator", "observer", "consultant", "pollster",
    "historian", "witness", "resident", "adviser", "advisor", "defector", "former", "director",
})
# Words that name the same role ("the Kremlin spokesman" is its "press secretary").
ROLE_SYNONYMS = MappingProxyType({
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "press secretary": "spokesperson",
    "spokespeople": "spokesperson", "chairwoman": "chairman", "chair": "chairman",
    "head of state": "president", "advisor": "adviser", "prime minister": "premier",
    "chief executive": "ceo", "sen": "senator", "gov": "governor", "rep": "representative",
    "congressman": "representative", "congresswoman": "representative",
})

# --- What is not a quote (quote precision on news, #23) ----------------------------------------------
# Cues that put a question to someone: "“Have you read it?” the senator asked" quotes the asker's
# question, which is no statement (news readers' convention: the answer is the quote).
QUESTION_CUES = frozenset({"ask", "query", "wonder", "inquire", "enquire", "quiz"})
# Words an interrogative sentence opens with: a wh-word or an auxiliary put first.
INTERROGATIVE_OPENERS = frozenset({
    "what", "why", "how", "when", "where", "who", "whom", "whose", "which", "whether",
    "do", "does", "did", "is", "are", "was", "were", "am", "can", "could", "will", "would",
    "should", "shall", "may", "might", "must", "have", "has", "had",
})
# Infinitive complements that are acts, not speech: "refused to assign a date", "declined to
# offer details", "agreed to speak on background" (a that-clause after them is still speech).
ACT_INFINITIVE_CUES = frozenset({"refuse", "decline", "agree"})
# Verbs whose "X for Y" is a rebuke of X, not words of the speaker reported ("slammed the
# council for the delay"; "blamed the council for the delay" says the council caused it).
REBUKE_VERBS = frozenset({"slam", "scold", "knock", "rap"})
# Verbs by which a thing, not a person, "says" something: "the lack of rain shows that …" is
# the writer's reading of it unless the thing is a document, a poll or figures (``DOCUMENT_NOUNS``,
# ``FINDING_NOUNS``).
THING_READING_VERBS = frozenset({"show", "indicate", "mean", "imply", "reflect", "underscore",
                                 "highlight", "demonstrate", "prove"})
FINDING_NOUNS = frozenset({"data", "figures", "numbers", "statistics", "results", "tally", "count",
                           "polling", "research", "survey", "surveys", "poll", "polls",
                           "census", "model", "models", "forecast", "forecasts"})
# Nouns whose purpose an infinitive gives ("a bill to encourage towns to …"): the bill's aim,
# not anyone's words.
PURPOSE_NOUNS = frozenset({"bill", "plan", "law", "policy", "proposal", "measure", "program",
                           "programme", "grant", "grants", "fund", "initiative", "legislation",
                           "amendment", "rule", "scheme", "project", "campaign", "effort", "deal",
                           "agreement", "resolution", "order", "ordinance"})
# Words that open an embedded question or a free relative ("explaining what counts as …",
# "saying what many think"): no statement is reported.
EMBEDDED_QUESTION_OPENERS = frozenset({"what", "whether", "why", "who", "whom", "if"})
# Subjects of generic speech ("people look at it and say …", "anyone will tell you …"): what
# people in general say, no one's words in particular.
GENERIC_SPEAKERS = frozenset({"people", "folks", "anyone", "anybody", "everyone", "everybody",
                              "someone", "somebody", "nobody", "one", "you", "others"})
# More complements of speech verbs, in the shapes of ``COMPLEMENT_CUES``: a reproach with its
# reason ("chided the board for meeting on a holiday"), a verdict ("denounced the plan as a
# giveaway"). Not "asked X to …": on news it is as often a reporter's question or a poll's.
MORE_COMPLEMENT_CUES = MappingProxyType({
    "chide": frozenset({"for"}), "denounce": frozenset({"as"}), "condemn": frozenset({"as"}),
    "hail": frozenset({"as"}),
})
