"""Text and code normalisation shared by the reference-database build and search.

Both sides must split words the same way (and the same way as the FTS5
`unicode61` tokenizer), or a word indexed at build time is never found.
"""

from __future__ import annotations

import re
import unicodedata

# Connector words coders leave out or add freely; they never decide a match.
STOPWORDS = frozenset(
    "a an and as at by due for from in into of on or the to with without".split()
)

_WORD = re.compile(r"[0-9a-z]+")
_CM_CODE = re.compile(r"^[a-z][0-9][0-9a-z](?:\.?[0-9a-z]{0,4})$")
_PCS_CODE = re.compile(r"^[0-9a-hj-np-z]{2,7}$")
_PCS_SECTIONS = set("0123456789bcdfghx")
# Suffixes stripped so that "perforated" also finds "perforation" and
# "diabetic" finds "diabetes"; the stem must keep at least five letters.
_SUFFIXES = ("ations", "ation", "ities", "ity", "ions", "ion", "ing", "ed", "ic", "ive", "al", "s")
MIN_STEM = 5


def fold(text: str) -> str:
    """Lower-case and strip accents, as FTS5's unicode61 with remove_diacritics does."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Every alphanumeric word of `text`, folded."""
    return _WORD.findall(fold(text))


def meaningful(text: str) -> list[str]:
    """The words of `text` without connector words."""
    return [w for w in words(text) if w not in STOPWORDS]


def content_words(text: str) -> str:
    """The meaningful words of `text`, space-delimited on both sides
    (" acute kidney failure ") so that a word or word prefix is tested with a
    plain substring search."""
    return " " + " ".join(meaningful(text)) + " "


_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Wordings that mark the default code of a condition
# ("site not specified", "unspecified as acute or chronic", "without
# complications"), read as "unspecified".
_DEFAULT_WORDING = re.compile(
    r"\b(?:site )?not specified\b|\bsite unspecified\b|\bunspecified as [^,]+|\bwithout [^,]+", re.I
)


def core_words(text: str) -> str:
    """The words a title insists on: `content_words` without nonessential
    modifiers in parentheses or brackets, with the wordings of a default code
    read as "unspecified". Ranking counts the words of this a query did not
    ask for."""
    return content_words(_DEFAULT_WORDING.sub("unspecified", _PARENTHESES.sub(" ", text)))


def stem(word: str) -> str:
    """A conservative stem: one common suffix removed, never shorter than MIN_STEM."""
    if word.endswith(("is", "us", "ss")):
        return word  # -itis, -osis, -us, -ss: the s belongs to the word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def code_key(code: str) -> str:
    """The stored form of a code: upper case, no dot, no spaces."""
    return code.replace(".", "").replace(" ", "").upper()


def display_cm(code: str) -> str:
    """ICD-10-CM codes are shown with a dot after the category: I5023 -> I50.23."""
    if len(code) <= 3 or not (code[0].isalpha() and code[1].isdigit()) or "-" in code:
        return code
    return f"{code[:3]}.{code[3:]}"


def looks_like_code(chunk: str) -> str | None:
    """'cm', 'pcs' or 'both' when a whitespace-separated chunk reads as a (partial) code.

    A chunk must hold a digit to count, so words such as "bone" stay words.
    """
    c = fold(chunk)
    if not any(ch.isdigit() for ch in c):
        return None
    cm = bool(_CM_CODE.match(c))
    pcs = "." not in c and bool(_PCS_CODE.match(c)) and c[0] in _PCS_SECTIONS
    if cm and pcs:
        return "both"
    return "cm" if cm else "pcs" if pcs else None
