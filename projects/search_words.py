"""Words for full-text search in Chinese and English: jieba segments Chinese, which has no spaces.

PostgreSQL's own parser takes a run of Chinese characters for one word ("由于供应商延期交付" is one
lexeme), and pg_trgm finds no trigrams in Chinese at all under the C locale, so neither finds "供应商"
inside a sentence. Here a text becomes its words: jieba's search mode, which lists a long word and
the shorter words inside it ("供应商" gives "供应", "供应商"), each cut at anything that is neither a
letter nor a digit, lower-cased. The documents' words are stored as a tsvector of PostgreSQL's
'simple' configuration; a query becomes a tsquery over the same words.

Pure functions: no database, no settings.
"""

import logging
import re

import jieba

# jieba announces loading its dictionary on stderr at DEBUG level; the portal's log needs none of it.
jieba.setLogLevel(logging.WARNING)

_NOT_WORD = re.compile(r"[\W_]+")
# A query is cut into at most this many words: enough for a sentence, bounded for the database.
MAX_QUERY_WORDS = 32


def _pieces(token: str) -> list[str]:
    return [piece for piece in _NOT_WORD.split(token.lower()) if piece]


def document_words(text: str) -> list[str]:
    """The words a document is found by: every word of jieba's search mode, shorter words included."""
    words = []
    for token in jieba.cut_for_search(text or ""):
        words.extend(_pieces(token))
    return words


def document_text(text: str) -> str:
    """The document's words separated by spaces, as PostgreSQL's 'simple' parser reads them."""
    return " ".join(document_words(text))


def _quoted(word: str) -> str:
    # The word holds letters and digits only (see _pieces), so no quote can end the lexeme early.
    return f"'{word}':*"


def _tiling(word: str, parts: set[str]) -> list[str]:
    """Shorter words that, one after another, spell the whole word; [] when they cannot."""
    # tilings[end]: a way to spell word[:end], or None; the first found is kept.
    tilings: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            if tilings[start] is not None and word[start:end] in parts:
                tilings[end] = [*tilings[start], word[start:end]]
                break
    return tilings[-1] or []


def query_terms(query: str) -> list[list[str]]:
    """The query's words (jieba's precise mode), each with the shorter words that spell it, if any.

    "集成测试" gives [["集成测试", "集成", "测试"]]: a document matches a word when it has the
    word itself, or all the shorter words it is made of (the document was cut differently there).
    "供应商" gives [["供应商"]]: "供应" alone does not spell it.
    """
    terms = []
    for token in jieba.cut(query or ""):
        for piece in _pieces(token):
            parts = {part for part in document_words(piece) if part != piece}
            terms.append([piece, *_tiling(piece, parts)])
            if len(terms) == MAX_QUERY_WORDS:
                return terms
    return terms


def raw_tsquery(query: str) -> str:
    """The query as a raw tsquery ('simple' config, prefix matches), or "" when it has no words.

    Every word must match; a word matches as itself or as all its shorter words:
    "集成测试 delay" -> ('集成测试':* | ('集成':* & '测试':*)) & 'delay':*.
    """
    clauses = []
    for word, *parts in query_terms(query):
        whole = _quoted(word)
        if parts:
            clauses.append(f"({whole} | ({' & '.join(_quoted(part) for part in parts)}))")
        else:
            clauses.append(whole)
    return " & ".join(clauses)
