"""Instant ICD-10-CM / ICD-10-PCS search: one query box for codes, words,
abbreviations and misspellings.

FTS5 (with prefix indexes) finds a few hundred candidates per query; only
those are re-ranked in Python with rapidfuzz. Candidate rowids were assigned
in a static quality order at build time (billable first, shorter text
first), so stopping an FTS query after N rows keeps the N best.
"""

from __future__ import annotations

import bisect
import itertools
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from db.codeset_build import PCS_ROWID_BASE
from db.reference import Reference, default_reference
from db.textnorm import STOPWORDS, code_key, fold, looks_like_code, stem, words

SYSTEMS = ("cm", "pcs", "all")
MAX_QUERY_CHARS = 400  # a pasted paragraph is cut here, before any work
MAX_TERMS = 8
CANDIDATES = 200  # FTS rows fetched per sub-query
PREFIX_INDEX = 5  # longest FTS5 prefix index built (prefix='2 3 4 5')
FEW_WORDS = 8
MAX_SUBQUERIES = 12
_RANGES = {"cm": (1, PCS_ROWID_BASE), "pcs": (PCS_ROWID_BASE, 1 << 62)}


@dataclass(frozen=True)
class SearchResult:
    code: str  # as coders write it: I50.23, 0SR9019
    system: str  # cm | pcs
    description: str
    billable: bool
    match: str  # why it matched, in words
    needs_seventh: bool = False  # a header that is complete once a 7th character is chosen


@dataclass
class _Term:
    """One query word (or phrase), with the word-prefix groups that satisfy it."""

    typed: str
    alts: list[tuple[str, ...]]  # any group matches; every prefix in a group must
    exact: bool = False  # match whole words only (one- and two-character tokens)
    note: str = ""  # abbreviation, synonym or spelling correction used
    live: bool = True  # False when nothing in the code set can match it

    def fts(self, vocab: _Vocabulary) -> str:
        groups = [" AND ".join(vocab.fts_word(p, self.exact) for p in alt) for alt in self.alts]
        return "(" + " OR ".join(f"({g})" for g in groups) + ")"

    def needles(self) -> list[tuple[str, ...]]:
        """Per alternative, the substrings that find its words in a `content_words` string."""
        end = " " if self.exact else ""
        return [tuple(f" {p}{end}" for p in alt) for alt in self.alts]

    def phrase(self) -> str:
        """The words this term stands for, for fuzzy re-ranking."""
        return " ".join(self.alts[-1]) if self.note else self.typed


class _Vocabulary:
    """Every word of the code sets (sorted, for prefix tests) and the
    abbreviation and synonym table, keyed by stemmed words."""

    def __init__(self, ref: Reference):
        rows = ref.con.execute("SELECT word, freq FROM vocab ORDER BY word").fetchall()
        self.sorted = [w for w, _ in rows]
        self.freq = dict(rows)
        self.by_length: dict[int, list[str]] = {}
        for w in self.sorted:
            self.by_length.setdefault(len(w), []).append(w)
        self.expansions: dict[str, tuple[str, list[str]]] = {}
        for term, expansion in ref.con.execute("SELECT term, expansion FROM expansions ORDER BY term, expansion"):
            key = phrase_key(words(term))
            self.expansions.setdefault(key, (term, []))[1].append(expansion)
        self.longest_phrase = max((k.count(" ") + 1 for k in self.expansions), default=1)

    def is_expansion(self, chunk: str) -> bool:
        return phrase_key(words(chunk)) in self.expansions

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted, prefix)
        return i < len(self.sorted) and self.sorted[i].startswith(prefix)

    def starting_with(self, prefix: str, most: int) -> list[str] | None:
        """The vocabulary words starting with `prefix`, or None when there are more than `most`."""
        i = bisect.bisect_left(self.sorted, prefix)
        found = []
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            if len(found) == most:
                return None
            found.append(self.sorted[i])
            i += 1
        return found

    def fts_word(self, part: str, exact: bool) -> str:
        """The cheapest FTS5 expression that finds `part` (a word, or a word prefix).

        Prefixes of up to PREFIX_INDEX characters read one prefix-index
        doclist. A longer prefix is served by its first PREFIX_INDEX
        characters when the vocabulary shows they mean the same words, else
        by the few whole words it stands for; only then by a prefix scan.
        """
        if exact:
            return f'"{part}"'
        if len(part) <= PREFIX_INDEX:
            return f'"{part}"*'
        short = part[:PREFIX_INDEX]
        if self.starting_with(short, FEW_WORDS) == self.starting_with(part, FEW_WORDS) is not None:
            return f'"{short}"*'
        whole = self.starting_with(part, FEW_WORDS)
        if whole:
            return "(" + " OR ".join(f'"{w}"' for w in whole) + ")"
        return f'"{part}"*'

    def correct(self, word: str) -> list[str]:
        """Closest vocabulary words within two edits (most frequent first), or []."""
        pool = [w for n in range(len(word) - 2, len(word) + 3) for w in self.by_length.get(n, ())]
        found = process.extract(word, pool, scorer=Levenshtein.distance, score_cutoff=2, limit=20)
        if not found:
            return []
        best = min(d for _, d, _ in found)
        closest = [w for w, d, _ in found if d == best]
        return sorted(closest, key=lambda w: -self.freq[w])[:3]


def phrase_key(tokens: list[str]) -> str:
    return " ".join(stem(t) for t in tokens)


def _minimal(alts: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop single-prefix alternatives already covered by a shorter prefix."""
    singles = sorted({a[0] for a in alts if len(a) == 1}, key=len)
    keep = [a for a in alts if len(a) > 1]
    kept: list[str] = []
    for p in singles:
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return [(p,) for p in kept] + keep


# Words a title may carry without making it less of a match: the
# "unspecified" / "NOS" code is the default a coder expects for a bare term.
_DEFAULT_WORDS = frozenset({"unspecified", "nos", "essential"})


class Searcher:
    """Search over one reference database; keeps its vocabulary in memory."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.vocab = _Vocabulary(ref)

    def search(self, query: str, system: str = "all", limit: int = 20) -> list[SearchResult]:
        if system not in SYSTEMS:
            raise ValueError(f"system must be one of {', '.join(SYSTEMS)}, not {system!r}")
        if limit <= 0:
            return []
        query = query[:MAX_QUERY_CHARS]
        chunks = query.split()
        kinds = [None if self.vocab.is_expansion(c) else looks_like_code(c) for c in chunks]
        code_chunks = [c for c, k in zip(chunks, kinds) if _fits(k, system)]
        if chunks and len(code_chunks) == len(chunks):
            return self._by_code(code_chunks, system, limit)
        if len(code_chunks) == 1:
            word_query = " ".join(c for c, k in zip(chunks, kinds) if not _fits(k, system))
            found = self._by_words(word_query, system, limit, code_prefix=code_key(code_chunks[0]))
            if found:
                return found
        return self._by_words(query, system, limit)

    # -- codes -------------------------------------------------------------

    def _by_code(self, chunks: list[str], system: str, limit: int) -> list[SearchResult]:
        out: list[SearchResult] = []
        seen = set()
        for chunk in chunks:
            key = code_key(chunk)
            kind = looks_like_code(chunk)
            for s in ("cm", "pcs"):
                if not (_fits(kind, s) and system in (s, "all")):
                    continue
                rows = self.ref.con.execute(
                    "SELECT code, display, title, billable, needs_seventh FROM codes"
                    " WHERE system = ? AND code >= ? AND code < ? AND kind IN ('category', 'code')"
                    " ORDER BY code LIMIT ?",
                    (s, key, key + "\x7f", limit),
                ).fetchall()
                for code, display, title, billable, needs_seventh in rows:
                    if (s, code) not in seen:
                        seen.add((s, code))
                        why = "code" if code == key else f"code starts with {key}"
                        out.append(SearchResult(display, s, title, bool(billable), why, bool(needs_seventh)))
        return out[:limit]

    # -- words -------------------------------------------------------------

    def _terms(self, query: str) -> list[_Term]:
        tokens = words(query)[: MAX_TERMS * 4]
        terms: list[_Term] = []
        i = 0
        while i < len(tokens) and len(terms) < MAX_TERMS:
            for n in range(min(self.vocab.longest_phrase, len(tokens) - i), 0, -1):
                found = self.vocab.expansions.get(phrase_key(tokens[i : i + n]))
                if found:
                    name, expansions = found
                    literal = tuple(stem(t) for t in tokens[i : i + n] if t not in STOPWORDS)
                    alts = [literal] + [tuple(stem(w) for w in words(e) if w not in STOPWORDS) for e in expansions]
                    terms.append(_Term(" ".join(tokens[i : i + n]), _minimal(alts), note=f"{name} = {' / '.join(expansions)}"))
                    i += n
                    break
            else:
                tok = tokens[i]
                i += 1
                if tok in STOPWORDS or any(t.typed == tok for t in terms):
                    continue
                terms.append(self._word_term(tok, last=i == len(tokens)))
        for t in terms:
            if t.live and not t.exact:
                t.live = any(all(self.vocab.has_prefix(p) for p in alt) for alt in t.alts)
        return terms

    def _word_term(self, tok: str, last: bool) -> _Term:
        if len(tok) == 1 or (len(tok) == 2 and not last):
            return _Term(tok, [(tok,)], exact=True)
        s = stem(tok)
        if self.vocab.has_prefix(s):
            return _Term(tok, [(s,)])
        if len(tok) >= 5 and (fixes := self.vocab.correct(tok)):
            return _Term(tok, _minimal([(w,) for w in fixes]), note=f"{tok} → {fixes[0]}")
        return _Term(tok, [(tok,)], live=False)

    def _by_words(self, query: str, system: str, limit: int, code_prefix: str = "") -> list[SearchResult]:
        terms = self._terms(query)
        live = [t for t in terms if t.live]
        if not live:
            return []
        ranges = [_RANGES[s] for s in (("cm", "pcs") if system == "all" else (system,))]
        code_filter = f' AND code : "{code_prefix.lower()}"*' if code_prefix else ""
        rows: dict[int, tuple[str, str, str, str, str]] = {}
        budget = MAX_SUBQUERIES
        with self.ref.lock:
            for k in range(len(live), 0, -1):
                for combo in itertools.combinations(live, k):
                    if budget <= 0:
                        break
                    budget -= 1
                    match = "text : (" + " AND ".join(t.fts(self.vocab) for t in combo) + ")" + code_filter
                    for lo, hi in ranges:
                        for rid, *row in self.ref.con.execute(
                            "SELECT t.id, t.code, t.source, t.text, t.norm, t.core"
                            " FROM terms_fts f JOIN terms t ON t.id = f.rowid"
                            " WHERE terms_fts MATCH ? AND f.rowid >= ? AND f.rowid < ? LIMIT ?",
                            (match, lo, hi, CANDIDATES),
                        ):
                            rows[rid] = row
                if len({row[0] for row in rows.values()}) >= limit or budget <= 0:
                    break
            return self._rank(rows, terms, limit)

    def _rank(self, rows: dict[int, tuple[str, str, str, str, str]], terms: list[_Term], limit: int) -> list[SearchResult]:
        """Order candidates: query words matched, postable codes, fewest words the
        query did not ask for, title led by the query's words, the unspecified
        default, then rapidfuzz similarity."""
        phrase = " ".join(t.phrase() for t in terms)
        needles = [t.needles() for t in terms]
        best: dict[tuple[str, str], tuple] = {}
        for rid, (code, source, text, norm, core) in rows.items():
            matched, covered = [], []
            for term, alts in zip(terms, needles):
                for alt in alts:
                    if all(n in norm for n in alt):
                        matched.append(term)
                        covered.extend(n.strip() for n in alt)
                        break
            insisted = core.split()
            prefixes = tuple(covered)
            extra = sum(1 for w in insisted if not w.startswith(prefixes) and w not in _DEFAULT_WORDS)
            leading = bool(insisted) and insisted[0].startswith(prefixes)
            default = any(f" {w} " in core for w in _DEFAULT_WORDS)
            similarity = fuzz.token_sort_ratio(phrase, norm)
            key = (-len(matched), extra, not leading, not default, -similarity, len(text), code)
            system = "cm" if rid < PCS_ROWID_BASE else "pcs"
            if (system, code) not in best or key < best[(system, code)][0]:
                best[(system, code)] = (key, source, text, matched)
        if not best:
            return []
        info = self._codes(list(best))
        ranked = sorted(best.items(), key=lambda kv: (kv[1][0][0], not info[kv[0]][2], *kv[1][0][1:]))
        out = []
        for (system, code), (_key, source, text, matched) in ranked[:limit]:
            display, title, _postable, billable, needs_seventh = info[(system, code)]
            why = "title" if source == "title" else f"inclusion term: {text}"
            notes = [t.note for t in matched if t.note]
            if needs_seventh:
                notes.append("needs a 7th character")
            out.append(SearchResult(display, system, title, billable, "; ".join([why, *notes]), needs_seventh))
        return out

    def _codes(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str, bool, bool, bool]]:
        out = {}
        for system in ("cm", "pcs"):
            codes = [c for s, c in keys if s == system]
            if codes:
                marks = ",".join("?" * len(codes))
                for code, display, title, billable, needs_seventh in self.ref.con.execute(
                    f"SELECT code, display, title, billable, needs_seventh FROM codes"
                    f" WHERE system = ? AND code IN ({marks})",
                    (system, *codes),
                ):
                    out[(system, code)] = (display, title, bool(billable or needs_seventh), bool(billable), bool(needs_seventh))
        return out


def _fits(kind: str | None, system: str) -> bool:
    return bool(kind) and (system == "all" or kind in (system, "both"))


_searchers: dict[str, Searcher] = {}
_lock = threading.Lock()


def searcher(ref: Reference | None = None) -> Searcher:
    """The process's searcher for `ref` (default: the shared reference database)."""
    ref = ref or default_reference()
    with _lock:
        s = _searchers.get(str(ref.path))
        if s is None or s.ref is not ref:
            s = _searchers[str(ref.path)] = Searcher(ref)
        return s


def search(query: str, system: str = "all", limit: int = 20, ref: Reference | None = None) -> list[SearchResult]:
    """Ranked codes for what a coder typed: codes, words, abbreviations, typos.

    More query words matched rank first; among equals billable codes before
    headers, closer and shorter titles first.
    """
    return searcher(ref).search(query, system, limit)
