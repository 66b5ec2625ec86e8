"""The words of a question, per language: cleaning, stop words and a light stemmer.

Shared by the site search (``app/search.py``) and the lookup (``app/guide/lookup.py``), so that
a question means the same to both. People type questions, not keywords: "how do i get a direct
payment" has one or two words that carry its meaning, and the rest are stop words here.

The stop words are the words of *questions about direct payments* in each language, not a general
list: "direct" and "payment" are in every page of this site, so they help no ranking.
"""

from __future__ import annotations

import re
import unicodedata

MAX_WORDS = 8  # meaningful words looked at in one query; more add nothing but time

_EN = """
a about after again all also am an and any are as ask at be been before being but by can cannot cant could
did do does doing dont for from had has have having he her him his how i
if im in into is isnt it its ive just me mine more most much my no not now of off on one only or
other our out over own please really she should so some such than that thats the their them then there these
they this those to too up us very was way we were what whats when where whether which
while who why will with would yes you your youre yours
direct directly payment payments dp dps money
"""
# Polish question words, pronouns and particles, with and without their accents: people type both.
_PL = """
a aby albo ale bo by byc być chce chcę chcialbym chciałbym chcialabym chciałabym co czy dla do gdy gdzie i ich
ile im jak jaka jaki jakie jest jestem jeśli jesli jezeli jeżeli ją ja je jej jego już juz kiedy kto która ktora
które ktore który ktory mam mi mnie moge mogę może moze moj mój moja moje mojego mojej mu na nad nie nim o od oraz
po pod przez przy sa są się sie ta tak tam te tego tej to tu ty w we z za ze że ze żeby zeby
bezpośrednia bezposrednia bezpośrednie bezposrednie bezpośredniej bezposredniej płatność platnosc płatności platnosci
"""
# Urdu question words, postpositions and auxiliaries.
_UR = """
کیا میں میرا میری میرے مجھے ہم آپ کا کی کے کو سے پر نے ہے ہیں ہوں تھا تھی تھے اور یا کہ جو کب کیسے کیوں کہاں کون
کتنا کتنی کتنے ہو ہوتا ہوتی سکتا سکتی سکتے لیے لئے بھی یہ وہ اس ان ایک کر کرنا کرنے کرتا کرتی چاہیے چاہتا چاہتی
براہ راست ادائیگی ادائیگیاں
"""
# The words of a question that say nothing at all about its subject. The other stop words ("how", "get",
# "direct", "payment") are weak, not empty: they never find a document on their own, but among the
# documents a question's meaningful words found, the ones that have them too rank higher.
_EMPTY = """
a am an and are as at be but by can could did do does for i if im in is it its me my of on or so the to
was we were will would you your
"""
STOP_WORDS = {
    "en": frozenset(_EN.split()),
    "pl": frozenset(_PL.split()),
    "ur": frozenset(_UR.split()),
}

# Polish endings, longest first: a light stemmer, not a grammar. It only has to make "siłowni",
# "siłownię" and "siłownia" meet, and it never cuts a word below four letters.
_PL_ENDINGS = """
ami ach om owi owie ów em ie ia ią ię iu ich ym im ymi imi ego emu ej ą ę a e i o u y ość ości ania anie aniu
""".split()  # noqa: SIM905 (a list of endings reads best as one line of words)


# The Arabic-script letters that NFKD would split into a letter and a hamza or madda mark, each
# swapped for a private-use character while the rest of the text is decomposed, then swapped back.
_WHOLE = "\u0622\u0623\u0624\u0625\u0626\u06c0\u06c2\u06d3"
# Every combining mark (accents, Urdu's optional vowel marks), as one pattern: a regex drops them
# in one pass, about ten times faster than testing each character at start-up.
_COMBINING = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x10000) if unicodedata.combining(chr(c))) + "]")
_HIDE_HAMZA = {ord(c): 0xE000 + n for n, c in enumerate(_WHOLE)}
_SHOW_HAMZA = {0xE000 + n: ord(c) for n, c in enumerate(_WHOLE)}


def normalise(text: str) -> str:
    """Lower case, no accents, no apostrophes, and only letters, digits and single spaces.

    Combining marks are dropped, so "siłownia" and "silownia" meet ("ł" has no combining mark in
    Unicode, so it is mapped by hand) and Urdu's optional vowel marks do not split a word in two.
    """
    # Arabic-script letters are kept whole: decomposing "ئ" or "ؤ" would drop their hamza, but the
    # index (SQLite's unicode61) keeps it, so "کیئرر" and "الاؤنس" would never be found.
    text = unicodedata.normalize("NFKD", text.casefold().translate(_HIDE_HAMZA)).translate(_SHOW_HAMZA)
    text = text.replace("ł", "l")
    text = _COMBINING.sub("", text)
    text = re.sub(r"['’‘`]", "", text)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_PL_ENDINGS_NORMALISED = sorted({normalise(e) for e in _PL_ENDINGS}, key=len, reverse=True)
_STOP_NORMALISED = {lang: frozenset(normalise(w) for w in words) for lang, words in STOP_WORDS.items()}


def stop_words(lang: str) -> frozenset[str]:
    """Normalised stop words: a language's own and English's (people mix English into questions)."""
    return _STOP_NORMALISED.get(lang, frozenset()) | _STOP_NORMALISED["en"]


_EMPTY_NORMALISED = frozenset(_EMPTY.split())


def weak_words(text: str, lang: str) -> tuple[str, ...]:
    """The stop words of ``text`` that still say something about its subject (see ``_EMPTY``)."""
    stop = stop_words(lang)
    return tuple(dict.fromkeys(w for w in normalise(text).split() if w in stop and w not in _EMPTY_NORMALISED))


def singular(word: str) -> str:
    """A rough English singular, applied to both sides so "lessons" meets "lesson" and "activities" "activity"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def polish_stem(word: str) -> str:
    """The word without its commonest Polish ending, keeping at least four letters."""
    for ending in _PL_ENDINGS_NORMALISED:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def stem(word: str, lang: str) -> str:
    """The form both sides are compared in: a normalised word made singular (English) or stemmed (Polish)."""
    if lang == "pl":
        return polish_stem(singular(word))
    if lang == "en":
        return singular(word)
    return word


def meaningful(text: str, lang: str) -> tuple[str, ...]:
    """The words of ``text`` that carry meaning, normalised, in order, at most MAX_WORDS (not stemmed)."""
    stop = stop_words(lang)
    return tuple(w for w in normalise(text).split() if w not in stop)[:MAX_WORDS]
