"""The speech verbs and phrases that attribute a quotation: the one list the detector reads.

A quotation's speaker is the subject of one of these (“…,” X said; X groused that “…”), its
after an inverted verb (“…,” opined Cleveland's Plain Dealer) or the name after `according to`
(or `attributed to`: "a quote attributed to Einstein").
Each entry is a form, matched as whole words and case-insensitively; a phrase of several
words is matched as ("wrote in a statement", "told reporters"). Words that are more often
nouns than verbs in news ("reads", "notes", "claims") are here only because a quotation mark
beside them makes the verb reading the likely one: the list is read next to quotations, never to
find speech in plain narration.

To a verb, its forms (past, present, -ing) to `SPEECH_VERBS`; a phrase goes to
`SPEECH_PHRASES`. `tests/annotations/test_quotation_styles.py` checks the list's size and shape.
"""

from __future__ import annotations

__all__ = ["EXPRESSING_VERBS", "SPEECH_PHRASES", "SPEECH_VERBS", "SPEECH_WORDS", "THAT_VERBS"]

# Verbs of saying, writing and posting, by the sense they carry (the written forms).
_SAYING = """
    say says said saying tell tells told telling adds added adding
    states stated stating declares declared declaring announces announced announcing
    notes noted noting remarked remarking observes observed observing commented commenting
    mentioned explains explained explaining continued shared
    highlights highlighted
    speak speaks spoke
"""
_ASKING_ANSWERING = """
    ask asks asked asking wonders wondered inquired enquired enquires
    replies replied answered responds responded
    retorts retorted countered rejoined returned
    interjected interrupted rebutted disputed demurred
    pressed
"""
_ARGUING = """
    argues argued arguing insists insisted insisting contends contended
    maintained claims claimed claiming asserts asserted alleges alleged
    reasoned suggests suggested suggesting proposed posited opines opined affirms affirmed
    concludes concluded predicts predicted finds found ruled
    reiterated repeated echoed elaborated clarified hinted estimated
    volunteered implored exhorted
"""
_ADMITTING = """
    admits admitted acknowledges acknowledged concedes conceded
    confessed confirms confirmed denies denied
    recalls recalled recalling reflected recounted acknowledging conceding
"""
_WARNING_URGING = """
    warns warned cautions cautioned urges urged pleads pleaded pled
    begged demanded vows vowed promised promising pledged
    ordered decreed proclaims proclaimed proclaiming
    threatened advised instructed stressed warning urging vowing pledging
    emphasised emphasizes emphasized underlined
"""
_FEELING = """
    complains complained complaining grouses groused grumbled griped
    lamented moaned protested objected scoffs scoffed
    accuses accused accusing blasted slammed touted praised
    dismissed dismissing derided ridiculed hailed lauded denounced condemned decried
    rejected
    sneered mocked boasts boasted bragged gushed raved
    quipped quipping joked joking teased marveled marvelled exclaimed
    sighed laughed mused gloated fumed raged huffed
    snapped snarled growled
    chided scolded lectured taunted needled deadpanned
"""
_VOICE = """
    shouted yelled screamed cried calls called calling whispered
    shouting yelling screaming whispering exclaiming
    muttered murmured thundered roared chanted
    barked bellowed hollered stammered mumbled blurted intoned
"""
_RECORD = """
    write writes wrote writing posted tweets tweeted blogged texted
    emailed reports reported reporting testified read reads describes tweeting
    described describing characterised characterized characterises characterizes
    characterising characterizing agrees agreed recommended recommending summarised
    summarized summed
    criticised criticized criticises criticizes criticising criticizing
    labelled labeled labelling labeling cites cited citing
"""
# Verbs of showing a feeling, whose subject may be a thing ("An arch look expressed"): the
# detector takes them as a tag only with a person or a body for subject.
_EXPRESSING = """
    expressed expresses expressing voiced welcomed welcomes thanked thanking
"""
SPEECH_VERBS: frozenset[str] = frozenset(
    " ".join(
        (
            _SAYING,
            _ASKING_ANSWERING,
            _ARGUING,
            _ADMITTING,
            _WARNING_URGING,
            _FEELING,
            _EXPRESSING,
            _VOICE,
            _RECORD,
        )
    ).split()
)
EXPRESSING_VERBS: frozenset[str] = frozenset(_EXPRESSING.split())
# The verbs whose "that" opens the words said ("warned that “…”"), not a noun ("praised that
# “jobs machine”"): saying, asking, arguing, admitting and warning.
THAT_VERBS: frozenset[str] = frozenset(
    " ".join((_SAYING, _ASKING_ANSWERING, _ARGUING, _ADMITTING, _WARNING_URGING)).split()
)

# Phrases that attribute as a whole: a verb with its usual companion, or a frame with no verb.
SPEECH_PHRASES: tuple[str, ...] = (
    "according to",
    "in a statement",
    "said in a statement",
    "wrote in a statement",
    "issued a statement",
    "issued the following statement",
    "released a statement",
    "released the following statement",
    "said in an interview",
    "in an interview",
    "in an email",
    "told reporters",
    "told the crowd",
    "pointed out",
    "went on",
    "summed up",
    "shot back",
    "fired back",
    "chimed in",
    "weighed in",
    "spelled out",
    "made clear",
    "admitted to being",
    "admitted to having",
    "admitted to have",
    "confessed to being",
    "confessed to having",
    "put it",
    "held that",
    "referred to",
    "refers to",
    "referring to",
    "wrote on twitter",
    "said on twitter",
    "posted on x",
    "posted on facebook",
)

SPEECH_WORDS: frozenset[str] = SPEECH_VERBS | frozenset(SPEECH_PHRASES)
