"""Every threshold of the stories stage in one place (to move into ``config.Settings``).

The defaults were tuned on the stream evaluations in ``bench/eval/stories.py`` (AllSides
NeuS, three outlets a story; ECB+, one event type per topic, two events a topic) and on the
planted corpus in ``tests/stories/story_corpus.py``; each comment says why a value is where it is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StorySettings:
    # -- clustering -------------------------------------------------------------------------
    # An article joins the best candidate story when its combined score (against the story's
    # members on average) reaches this. Different outlets' title+leads about one event score
    # ~0.45-0.85, two events of the same kind ("a quake in Papua", "a quake in Aceh") ~0.3-0.6
    # (ECB+): the overlap is left to the split check below. B-cubed is flat from 0.33 to 0.37
    # on the halves tuned on (AllSides even story ids 0.941-0.919, ECB+ even topics
    # 0.888-0.900; ECB+ in six other stream orders 0.895-0.896); 0.40 loses AllSides recall
    # (0.892), 0.30 merges same-kind events (ECB+ 0.878).
    join_threshold: float = 0.35
    # Without the embedding model the score is terms (+ entities) alone, whose cosines run
    # lower: 0.13 sits between that mode's optima on the tuning halves (AllSides 0.10,
    # ECB+ 0.16; B-cubed 0.896 / 0.780 at 0.13, within 0.01 of either optimum).
    join_threshold_terms: float = 0.13
    # Weights of the signals. Title+lead embeddings carry paraphrase ("cops" ~ "police")
    # that term vectors miss; term vectors carry rare names the small model blurs; shared
    # resolved entities are the strongest single cue when resolution has run. Weights are
    # renormalized over the signals an article actually has (no model, no entities).
    weight_embedding: float = 0.55
    weight_terms: float = 0.35
    weight_entities: float = 0.10
    # Days either side of a story's first and last day an article may join it: a story grows
    # day by day through its follow-ups, while "another hurricane" a week later is another
    # story. 1 beat 2 and 3 on AllSides (same-topic stories days apart are the main error).
    # Undated articles skip the window (they match on content only).
    window_days: int = 1
    # Candidate stories read per index key (a shared entity, a rare term, a day): caps the
    # cost of one article whatever the store holds.
    candidates_per_key: int = 15
    # Of the stories found under the keys, those found under most keys are read and scored:
    # reading a story's state is the cost (an article's ~40 keys find ~300 stories in a store
    # of 5k articles; reading them took 21 of the 28 ms a story assignment cost). 80 scores
    # exactly as reading all (B-cubed ECB+ 0.903, AllSides 0.918); 60 loses 0.002-0.001, 40
    # 0.005-0.002, 20 0.007-0.005.
    candidates_scored: int = 80
    # Index keys taken from an article: its rarest terms and all its resolved entities. It
    # is filed under its rarest terms, and looks up with its rarest terms already seen.
    key_terms: int = 8
    key_entities: int = 12
    # Subtracted from the score of a story that already has an article from the same outlet.
    same_outlet_penalty: float = 0.15
    # Embedding LSH: 20 bands of 5 random-hyperplane bits put two title+leads at cosine 0.5
    # in one bucket with probability ~0.94, at 0.3 ~0.6: candidates by meaning, not words.
    lsh_bands: int = 20
    lsh_bits: int = 5
    # Extra count for capitalized words inside a sentence: names separate same-kind events.
    name_boost: int = 1
    # Terms kept in a story's term centroid: enough for cosine, small enough to store as JSON.
    centroid_terms: int = 96
    # The split check (stories.cluster.split_story): when a story grows, its members are
    # bisected (average linkage on the join score) and the smaller group becomes a story of
    # its own if the two groups' mean cross score is below ``split_between`` and each group's
    # own mean is at least ``split_margin`` above it. Two same-kind events merged early cross
    # at ~0.35-0.5 with ~0.5-0.65 inside each; one event's halves cross at ~0.45-0.6. 0.5
    # is the optimum of ECB+ (0.45: 0.885, too few splits; 0.55: 0.889, real stories cut);
    # the margin matters little (0.03-0.1: 0.902-0.910). Without the check ECB+ is 0.847.
    split_between: float = 0.5
    split_margin: float = 0.06
    # The smallest group split off: a group of three agreeing articles is a story; 4 would
    # never separate two merged three-outlet stories (AllSides 0.907 against 0.918), 2
    # splits on noise (ECB+ 0.878 against 0.903).
    split_min_part: int = 3
    # Members (signals) a story keeps for the check; a bigger story is settled and no longer
    # checked. Wrong early merges show by then: 12, 20, 40 and 80 score alike (ECB+
    # 0.903-0.906, AllSides unchanged); 20 bounds the check to a 20x20 score matrix.
    member_cap: int = 20
    # Words of the lead used with the title: the lead says what happened; the rest of the
    # article drifts into background that other stories share. About the first two or three
    # paragraphs: who, what and where of events of one kind are often past the first 60 words
    # (ECB+ B-cubed, mean of six stream orders: 60 words 0.862, 80 0.876, 100 0.895, 150
    # 0.900; AllSides, whose leads are one paragraph, unchanged). The embedding's cost grows
    # with it (MiniLM reads up to 256 word pieces; 100 words are ~130).
    lead_words: int = 100
    # -- across languages (stories.crosslang) ------------------------------------------------
    # An article joins a story told in other languages when the entities, event dates and
    # figures they share (weighted 0.5 / 0.25 / 0.25, each full at 3 / 2 / 3 shared values,
    # and of two kinds at least) reach this. Tuned on tests/data/multilingual (team-written:
    # tuning data) and the hard negatives of tests/stories/test_languages.py: one event told
    # in two languages shares 1.0 there (0.75 without dates, 0.5 without entity links); a
    # different event of the same leader, organisation and place the same day, ~0.46 (one
    # date shared of two) or nothing (entities alone are one kind).
    cross_language_threshold: float = 0.5
    # -- comparing --------------------------------------------------------------------------
    # Two claims from different outlets are the same fact at this score: embedding cosine plus
    # ``claim_word_overlap`` times the share of content words they share (the fewer claim's),
    # plus 0.05 for a shared entity and for a shared figure (or a rapidfuzz token-set ratio /
    # 100 without a model). MiniLM alone puts paraphrases of one sentence at 0.7-0.9, different
    # facts of one story at 0.3-0.6, and real outlets' renderings of one fact often at
    # 0.5-0.65, as close as other sentences on the same topic: the shared words tell them
    # apart. Comparison tuning split (agreed-core recall / share of aligned claim pairs over
    # gold spans that join one gold fact / unique precision): cosine alone at 0.55 0.226 /
    # 0.53 / 0.826; with words 0.3 at 0.6 0.286 / 0.59 / 0.870, at 0.65 0.250 / 0.64 / 0.870;
    # 0.2 at 0.6 0.274 / 0.60 / 0.879. With restatements (below) at 0.65: 0.381 / 0.55 / 0.870.
    # With the static embedder (``static_embed``: a bag of wordpieces) shared content words tell
    # one fact from its topic better than the cosine does (tuning split, claim pairs over gold
    # spans, one gold fact or not: ROC AUC cosine 0.862, word overlap 0.883, cosine + 0.3 x
    # overlap 0.887, + 0.9 x overlap 0.897): they weigh 0.9, with the threshold raised to match.
    # Tuning split (agreed-core recall / share of aligned claim pairs over gold agreed, partial
    # or unique spans that share a gold item, restatements included / unique precision / gold
    # conflicts found of 7): 0.3 at 0.65 0.381 / 0.474 / 0.838 / 6; 0.9 at 0.75 0.500 / 0.425 /
    # 0.875 / 6; 0.9 at 0.75 with the margin and lead below 0.500 / 0.464 / 0.875 / 6; 0.8 at
    # 0.78 0.452 / 0.487 / 0.871 / 5; 1.0 at 0.8 0.476 / 0.453 / 0.877 / 5.
    claim_similarity: float = 0.75
    claim_word_overlap: float = 0.9
    claim_fuzzy_similarity: float = 0.6
    # A claim joins a fact through its best match only if it is also within this much of the
    # threshold to every other claim of the fact: stops A~B, B~C chaining A and C ("a memo
    # flagged corroded plates" ~ "engineers checked the plates" ~ "the bridges stay closed").
    # 0.2 at the word weight 0.9, whose scores spread wider (0.1 lost a conflict's alignment on
    # the tuning split; agreed-core recall 0.488 there, 0.500 at 0.15 and 0.2).
    fact_cohesion_margin: float = 0.2
    # A claim outside a fact restates it (``compare.attach_restatements``: an outlet's second
    # sentence of the fact, or one the one-claim-per-article rule kept out) at the alignment
    # score with every claim of the fact and this much more with one. Tuning split, at the
    # scores above (agreed-core recall / aligned pairs joining one gold fact): none 0.250 /
    # 0.64; 0.1 0.381 / 0.55; 0.05 with a 0.05 margin below the threshold allowed 0.405 /
    # 0.48 (topic sentences join); 0 with the cohesion margin, cosine alone: 0.369 / 0.35.
    # At the word weight 0.9 (share of aligned pairs sharing a gold item, as measured above the
    # threshold): 0.1 0.422, 0.15 0.441, 0.2 0.464, agreed-core recall 0.500 at each.
    restatement_lead: float = 0.2
    # A fact is one outlet's alone only when no other outlet has a claim this near it: a lower
    # bar than alignment (the same fact in other words, a figure all outlets give worded
    # differently, scores 0.45-0.6 and is still "someone else has it").
    # With the content words (``claim_word_overlap``), words every article of the story uses
    # left out there: the topic says nothing about who has which fact (tuning unique precision
    # 0.862; topic words counted 0.870 but hid a planted unique fact; no words 0.835; at 0.55
    # 0.806).
    # Its word weight (``claim_support_word_overlap``) stays the 0.3 it was tuned at, not the
    # alignment's 0.9: there a single shared word ("smoke") puts any two sentences of one scene
    # near each other and hides a fact only one outlet reports (the planted "no alarm sounded"
    # of tests/stories, near "the smoke filled the deck" at 0.60-0.62). Tuning split at weight
    # 0.9 (unique precision / claims listed as unique): floor 0.5 0.875 / 215, 0.55 0.883 / 284,
    # 0.6 0.853 / 359, 0.63 0.839 / 409; at 0.3 and 0.5 0.837 / 318.
    claim_support_similarity: float = 0.5
    claim_support_word_overlap: float = 0.3
    claim_fuzzy_support_similarity: float = 0.6
    # Claims read per article: a story brief never needs the 80th sentence of a long piece.
    max_claims_per_article: int = 60
    # Independent articles compared per story (one per outlet first, earliest first): the
    # alignment is quadratic in claims, and a dozen outlets already say what differs.
    max_articles_compared: int = 12
    # Quote variants: rapidfuzz ratios (0-100). Same speaker, and either the renderings
    # share most words in any order (token_set) or one is a cut of the other (partial).
    # Comparison tuning split (variant pairs right/reported, found/gold): 60 with content words
    # unchecked 26/57, 24/56; 60 24/44, 23/56; 70 23/30, 22/56; 75 with the passes below
    # 24/28, 25/56.
    quote_token_set: float = 75.0
    quote_partial: float = 85.0
    quote_verbatim: float = 97.0
    # Two translations of one utterance (an outlet says the words were translated) share
    # fewer words than two copies do: linked from this token-set ratio, best match only.
    quote_translated_token_set: float = 60.0
    # A rewording is only recognised in renderings of this many words: "The community has
    # spoken" shares "has spoken" with any remark about who has spoken to whom.
    quote_min_words: int = 5
    # Renderings of one utterance whose speakers do not match (one outlet names no one) are
    # linked only when the words are the same or a cut of them, and at least this long (0: never).
    quote_unattributed_min_words: int = 5
    # ...or when they hold one sentence of that length at this rapidfuzz ratio (outlets cut an
    # utterance into quotes at different places: "You're inflaming everybody right here" /
    # "You are inflaming everyone right here").
    quote_sentence_ratio: float = 75.0
    # ...or when a sentence of one, this many words or more, lies inside a sentence of the
    # other at that partial ratio (a cut of one sentence). Tuning split (variant precision /
    # recall): whole sentences only 0.750 / 0.418; 6 words 0.746 / 0.505; 8 0.768 / 0.495;
    # 10 0.755 / 0.462.
    quote_contained_words: int = 8
    # A name spelled two ways: similar enough to be one name (ratio), not equal.
    spelling_ratio: float = 75.0
    # Two numbers (dates, places) fill one slot when the words around them match: embedding cosine
    # of the two frames, values masked (or token-set ratio / 100 without a model). Frames of
    # one slot ("# others injured when the span fell" / "killing two people and injuring #")
    # score ~0.55-0.9; other figures of the same story ("# people from the water") ~0.2-0.5.
    slot_similarity: float = 0.6
    slot_fuzzy_similarity: float = 0.6
    # Frames in sentences already aligned as one fact need this much less, or only this floor
    # when a content word next to both values is shared ("opened talks on Monday" / "traded
    # sharp words on Tuesday as talks ... opened": 0.37 as frames, one fact as sentences).
    slot_aligned_bonus: float = 0.1
    slot_aligned_floor: float = 0.35
    # Two days whose clauses date one event word ("hearing") need this much less of their
    # frames (tuning split: "Wednesday's confirmation hearing" / "hearing Thursday" at 0.5).
    slot_event_bonus: float = 0.15
    # An outlet that states the other's figure too, in a frame this much below the slot
    # threshold, agrees on it ("the 1961 truss" / "opened in 1961") whatever else it says.
    slot_agreement_margin: float = 0.2
    # An entity is an omission by the outlets that never name it once this share of the
    # story's outlets names it: with two or three outlets one is enough; among ten, a name
    # only one outlet gives is its own detail, not something nine others left out.
    omission_share: float = 0.3
    # Conflicts (two-sided disagreements) below this confidence stay in the record's
    # ``conflicts`` list but are not reported as disagreements: precision first.
    conflict_min_confidence: float = 0.6
