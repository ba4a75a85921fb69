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
from array import array
import json
import re
import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from db.codeset_build import PARTITIONS
from db.reference import Reference, default_reference
from db.textnorm import code_key, display_cm, looks_like_code, meaningful, stem

SYSTEMS = ("cm", "pcs", "all")
MAX_QUERY_CHARS = 400  # a pasted paragraph is cut here, before any work
MAX_TERMS = 8
ROW_BUDGET = 400  # FTS rows fetched for one query; half go to the sub-query with every term
MIN_ROWS = 20
FILL = 10  # leave terms out only while fewer codes than this match them all
WEAK_SHARE = 0.1  # a term found in more than this share of a table's rows is left to the ranking
PREFIX_INDEX = 5  # longest FTS5 prefix index built (prefix='2 3 4 5')
FEW_WORDS = 8
MAX_SUBQUERIES = 8


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

    def finder(self) -> re.Pattern:
        """A regex that finds this term in a `content_words` string (" w1 w2 ")."""
        end = "(?= )" if self.exact else ""
        options = []
        for alt in self.alts:
            if len(alt) == 1:
                options.append(f" {re.escape(alt[0])}{end}")
            else:  # every word of a multi-word expansion, in any order
                options.append("^" + "".join(f"(?=.*? {re.escape(p)}{end})" for p in alt))
        return re.compile("|".join(options))

    def implies(self, other: _Term) -> bool:
        """Whether every text this term finds is also found by `other` (typing
        "fracture fract": the second adds nothing to filter on). Ties keep the first."""
        if self.exact or other.exact or len(self.alts) != 1 or len(other.alts) != 1:
            return False
        a, b = self.alts[0], other.alts[0]
        if len(a) != 1 or len(b) != 1 or not a[0].startswith(b[0]):
            return False
        return a[0] != b[0] or self.typed < other.typed

    def phrase(self) -> str:
        """The words this term stands for, for fuzzy re-ranking."""
        return " ".join(self.alts[-1]) if self.note else self.typed


class _Vocabulary:
    """Every word of the code sets (sorted, for prefix tests) and the
    abbreviation and synonym table, keyed by stemmed words."""

    def __init__(self, ref: Reference):
        rows = ref.con.execute(f"SELECT word, {', '.join(PARTITIONS)} FROM vocab ORDER BY word").fetchall()
        self.sorted = [w for w, *_ in rows]

        # prefix sums of rows containing each word, per FTS table: the rows a
        # prefix can match are bounded by cumulative[j] - cumulative[i]
        self.cumulative = {}
        for col, part in enumerate(PARTITIONS, 1):
            # machine integers, not a list of int objects: a third of the memory
            self.cumulative[part] = array("l", itertools.accumulate((r[col] for r in rows), initial=0))
        self.rows = json.loads(ref.con.execute("SELECT value FROM meta WHERE key = 'partition_rows'").fetchone()[0])
        self.by_length: dict[int, list[str]] = {}
        for w in self.sorted:
            self.by_length.setdefault(len(w), []).append(w)
        self.expansions: dict[str, tuple[str, list[str]]] = {}
        for term, expansion in ref.con.execute("SELECT term, expansion FROM expansions ORDER BY term, expansion"):
            key = phrase_key(meaningful(term))
            self.expansions.setdefault(key, (term, []))[1].append(expansion)
        self.seventh_words = json.loads(
            ref.con.execute("SELECT value FROM meta WHERE key = 'seventh_words'").fetchone()[0]
        )
        self.longest_phrase = max((k.count(" ") + 1 for k in self.expansions), default=1)

    def names_seventh(self, part: str) -> bool:
        """Whether a query word (prefix) names a 7th-character meaning: "init", "sequela"."""
        i = bisect.bisect_left(self.seventh_words, part)
        return len(part) >= 4 and i < len(self.seventh_words) and self.seventh_words[i].startswith(part)

    def is_expansion(self, chunk: str) -> bool:
        return phrase_key(meaningful(chunk)) in self.expansions

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self.sorted, prefix)
        return i < len(self.sorted) and self.sorted[i].startswith(prefix)

    def share(self, part: str, term: _Term) -> float:
        """An upper bound on the share of a table's rows that `term` matches."""
        cumulative = self.cumulative[part]
        total = 0
        for alt in term.alts:
            counts = []
            for p in alt:
                i = bisect.bisect_left(self.sorted, p)
                j = i + 1 if term.exact else bisect.bisect_left(self.sorted, p + "\x7f")
                counts.append(cumulative[j] - cumulative[i])
            total += min(counts)
        return total / max(1, self.rows.get(part, 1))

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
        return sorted(closest, key=lambda w: -self.frequency(w))[:3]

    def frequency(self, word: str) -> int:
        """How many indexed texts contain `word`."""
        i = bisect.bisect_left(self.sorted, word)
        return sum(c[i + 1] - c[i] for c in self.cumulative.values())


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
_DEFAULT_WORDS = ("unspecified", "nos", "essential")
_DEFAULT = re.compile(" (?:" + "|".join(_DEFAULT_WORDS) + ") ")


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
        tokens = meaningful(query)[: MAX_TERMS * 4]
        terms: list[_Term] = []
        i = 0
        while i < len(tokens) and len(terms) < MAX_TERMS:
            for n in range(min(self.vocab.longest_phrase, len(tokens) - i), 0, -1):
                found = self.vocab.expansions.get(phrase_key(tokens[i : i + n]))
                if found:
                    name, expansions = found
                    literal = tuple(stem(t) for t in tokens[i : i + n])
                    alts = [literal] + [tuple(stem(w) for w in meaningful(e)) for e in expansions]
                    terms.append(_Term(" ".join(tokens[i : i + n]), _minimal(alts), note=f"{name} = {' / '.join(expansions)}"))
                    i += n
                    break
            else:
                tok = tokens[i]
                i += 1
                if any(t.typed == tok for t in terms):
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
        """Candidates from each FTS table a query needs, then one ranking in Python."""
        terms = self._terms(query)
        live = [t for t in terms if t.live and not any(o is not t and o.live and o.implies(t) for o in terms)]
        if not live:
            return []
        code_filter = f' AND code : "{code_prefix.lower()}"*' if code_prefix else ""
        rows: dict[int, tuple] = {}
        parts = self._partitions(system, live)
        with self.ref.lock:
            for part in parts:
                rows.update(self._candidates(part, live, min(limit, FILL), code_filter, len(parts)))
            return self._rank(rows, terms, limit)

    def _candidates(self, part: str, live: list[_Term], fill: int, code_filter: str, shares: int) -> dict[int, tuple]:
        """Rows of one FTS table matching the query terms: all of them first, then
        with terms left out, until `fill` codes are found or the budget is spent.

        Terms that match a large share of the table ("approach" in PCS,
        "unspecified" anywhere) barely narrow the search but cost the most to
        read; they are left to the ranking, which counts them like any other.
        """
        table = PARTITIONS[part]
        strong = [t for t in live if self.vocab.share(part, t) <= WEAK_SHARE]
        if not strong:
            strong = [min(live, key=lambda t: self.vocab.share(part, t))]
        rows: dict[int, tuple] = {}
        subqueries = 0
        budget = ROW_BUDGET // shares  # tables read for one query share the budget
        for k in range(len(strong), 0, -1):
            combos = list(itertools.islice(itertools.combinations(strong, k), MAX_SUBQUERIES - subqueries))
            # the query with every term gets the most rows; weaker ones share what is left
            per_query = budget // 2 if k == len(strong) else max(MIN_ROWS, (budget - len(rows)) // len(combos))
            for combo in combos:
                subqueries += 1
                match = "text : (" + " AND ".join(t.fts(self.vocab) for t in combo) + ")" + code_filter
                for rid, *row in self.ref.con.execute(
                    "SELECT t.id, t.code, t.source, t.text, t.norm, t.core, t.postable, t.part"
                    f" FROM {table} f JOIN terms t ON t.id = f.rowid WHERE {table} MATCH ? LIMIT ?",
                    (match, per_query),
                ):
                    rows[rid] = row
            if len({row[0] for row in rows.values()}) >= fill or subqueries >= MAX_SUBQUERIES or len(rows) >= budget:
                break
        return rows

    def _partitions(self, system: str, terms: list[_Term]) -> list[str]:
        """The FTS tables a query reads: 7th-character variants only when a term names one."""
        parts = []
        if system in ("cm", "all"):
            parts.append("cm")
            if any(self.vocab.names_seventh(p) for t in terms for alt in t.alts for p in alt):
                parts.append("cm7")
            parts.append("cmindex")
        if system in ("pcs", "all"):
            parts += ["pcs", "pcsindex"]
        return [p for p in parts if self.vocab.rows.get(p)]  # an index that was never imported is skipped

    def _rank(self, rows: dict[int, tuple], terms: list[_Term], limit: int) -> list[SearchResult]:
        """Order candidates: query words matched, postable codes, fewest words the
        query did not ask for, title led by the query's words, the unspecified
        default, then rapidfuzz similarity."""
        phrase = " ".join(t.phrase() for t in terms)
        finders = [(t, t.finder()) for t in terms]
        parts = sorted({p for t in terms for alt in t.alts for p in alt}, key=len, reverse=True)
        # One pass over a title's insisted words finds each word covered by the
        # query or a default word; the rest are words the coder did not ask for.
        covered = re.compile(" (?:" + "|".join(map(re.escape, parts)) + "|(?:" + "|".join(_DEFAULT_WORDS) + ")(?= ))")
        asked = re.compile(" (?:" + "|".join(map(re.escape, parts)) + ")")
        # Cheap first keys for every row; the full score only for the groups
        # of rows that can still reach the first `limit` codes.
        groups: dict[tuple[int, bool], list] = {}
        for row in rows.values():
            matched = [t for t, finder in finders if finder.search(row[3])]
            groups.setdefault((-len(matched), not row[5]), []).append((row, matched))
        best: dict[tuple[str, str], tuple] = {}
        for head in sorted(groups):
            if len(best) >= limit:
                break
            for (code, source, text, norm, core, _postable, part), matched in groups[head]:
                extra = core.count(" ") - 1 - len(covered.findall(core))
                leading = asked.match(core) is not None
                default = _DEFAULT.search(core) is not None
                similarity = fuzz.token_sort_ratio(phrase, norm)
                key = (*head, extra, not leading, not default, -similarity, len(text), code)
                system = "pcs" if part in ("pcs", "pcsindex") else "cm"
                if (system, code) not in best or key < best[(system, code)][0]:
                    best[(system, code)] = (key, source, text, matched)
        ranked = sorted(best.items(), key=lambda kv: kv[1][0])[:limit]
        info = self._codes([sc for sc, _ in ranked])
        out = []
        for (system, code), (_key, source, text, matched) in ranked:
            # an index code the installed tabular does not hold (a partial PCS code, another year's code)
            display, title, billable, needs_seventh = info.get(
                (system, code), (display_cm(code) if system == "cm" else code, "(not a complete code: build it)", False,
                                 False))
            why = {"title": "title", "inclusion": f"inclusion term: {text}", "index": f"index: {text}"}[source]
            notes = [t.note for t in matched if t.note]
            if needs_seventh:
                notes.append("needs a 7th character")
            out.append(SearchResult(display, system, title, billable, "; ".join([why, *notes]), needs_seventh))
        return out

    def _codes(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str, bool, bool]]:
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
                    out[(system, code)] = (display, title, bool(billable), bool(needs_seventh))
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
