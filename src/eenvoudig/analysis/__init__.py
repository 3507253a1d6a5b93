"""Dutch analysis: sentences, tokens, lemmas, part of speech, morphology, dependencies, syllables, frequency.

Tokens and sentences always come from `spacy.blank("nl")`'s tokenizer with our own fixes: special cases
for Dutch abbreviations (taken from the lexicon data) and a sentence segmenter that knows abbreviations
(also at the end of a sentence), headings without a full stop, bullets and blank lines (those are separate
blocks already). Protected spans (amounts, dates, IBAN…) always become one token.

Backends (one `NlpBackend` Protocol):

* `nl-pipeline` (default): our own trained Dutch pipeline (`analysis/pipeline.py`, trained on UD Dutch)
  annotates each sentence: part of speech, the Dutch tag, morphology, a lemma in context, head and
  dependency relation. A protected span that is several words for the model ("1 januari 2027") is one
  token for us; it takes the annotation of its syntactic head.
* `spacy-blank-nl`: the fast mode for bulk scoring (`snel = true`, `--snel`): no parse; lemmas are the
  candidates from spaCy's lookup tables.
* `regex`: a dependency-free fake for tests.

Everything else (frequency, syllables, names, protected spans) is shared by all backends.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable, Protocol, Sequence, runtime_checkable

from eenvoudig.document import Block, Document, Scope
from eenvoudig.analysis.spans import Span, find_spans, salutation_names

# Abbreviations that often END a sentence: when the next token has a capital, a new sentence starts.
END_ABBREVIATIONS = {"enz.", "etc.", "e.d.", "jl.", "a.s.", "o.i.d.", "vr.", "ca.", "e.a.", "e.v.", "resp.",
                     "nr.", "ma.", "di.", "wo.", "do.", "za.", "zo.", "bijv.", "incl.", "excl.", "blz.", "zgn.",
                     "e.d.", "o.a.", "d.w.z.", "z.o.z.", "m.m.v."}
SENTENCE_PUNCT = {".", "!", "?", ";", "…", "...", "?!", "!?"}
CLOSERS = {")", "]", "”", "’", "'", '"', "»"}

RawToken = tuple[int, int]          # start, end in the block text
RawSentence = list[RawToken]
# What a parsing backend says about one token: (upos, tag, morph, lemma, head index in the sentence, relation)
Annotation = tuple[str, str, str, str, int, str]

DEFAULT_BACKEND = "nl-pipeline"
MAX_PARSE_WORDS = 200   # a longer "sentence" is parsed in pieces of this many words
FAST_BACKEND = "spacy-blank-nl"


def is_word(text: str) -> bool:
    """Return whether a token counts as a word: a letter or digit, or a sign read as a word (%)."""
    return text.isalnum() or any(c.isalnum() for c in text) or text in ("%", "&", "+", "=")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a sentence; offsets are into the block's text."""

    text: str
    start: int
    end: int
    lemmas: tuple[str, ...] = ()
    kind: str | None = None        # protected span kind (bedrag, datum, naam, …) or None
    syllables: int = 0
    zipf: float | None = None       # frequency after corrections; None for non-words and protected spans
    content: bool = False           # a content word (not a function word)
    lower: str = ""                 # the text in lower case
    is_word: bool = False           # has a letter or digit, or is % & + = (read aloud as a word)
    pos: str = ""                   # universal part of speech (NOUN, VERB, AUX …); "" without a parse
    tag: str = ""                   # the Dutch CGN/Lassy tag (WW|pv|tgw|met-t …)
    morph: str = ""                 # UD features, e.g. "Number=Sing|Tense=Pres|VerbForm=Fin"
    head: int = -1                  # index of the syntactic head in the sentence's tokens (root: itself)
    dep: str = ""                   # UD relation to the head (nsubj, aux:pass, compound:prt …)

    def __post_init__(self) -> None:
        if not self.lower:
            object.__setattr__(self, "lower", self.text.lower())
            object.__setattr__(self, "is_word", is_word(self.text))

    @property
    def lemma(self) -> str:
        return self.lemmas[0] if self.lemmas else self.lower

    @property
    def protected(self) -> bool:
        return self.kind is not None

    def feature(self, name: str) -> str | None:
        """Return one morphological feature (Tense, Number, VerbForm …) or None."""
        for pair in self.morph.split("|") if self.morph else ():
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading, list item…) inside one block."""

    block: int
    start: int
    end: int
    text: str
    scope: Scope
    tokens: tuple[Token, ...]
    words: tuple[Token, ...] = ()   # the tokens that are words (filled in from `tokens`)

    def __post_init__(self) -> None:
        if not self.words:
            object.__setattr__(self, "words", tuple(t for t in self.tokens if t.is_word))

    @property
    def parsed(self) -> bool:
        """Whether the tokens carry a parse (part of speech, heads and relations)."""
        return bool(self.tokens) and bool(self.tokens[0].dep)

    def children(self, i: int) -> list[int]:
        """Return the indexes of the tokens whose head is token i."""
        return [k for k, t in enumerate(self.tokens) if t.head == i and k != i]


@dataclass(frozen=True)
class Analysis:
    """A document with its sentences and protected spans."""

    document: Document
    sentences: tuple[Sentence, ...]
    spans: tuple[tuple[int, Span], ...]   # (block index, span in that block's text)
    backend: str = DEFAULT_BACKEND

    def position(self, block: int, offset: int) -> tuple[int, int]:
        """Return the (line, column) in the source file of an offset in a block's text."""
        return self.document.position(self.document.blocks[block].source_offset(offset))

    @property
    def scored(self) -> tuple[Sentence, ...]:
        """Return the sentences that count for the reading level (no headings, address, closing)."""
        return tuple(s for s in self.sentences if s.scope in ("paragraph", "list_item") and s.words)


@runtime_checkable
class NlpBackend(Protocol):
    """What an analysis backend does: split texts into sentences of tokens, and lemmatise words."""

    name: str

    def segment(self, texts: Sequence[str], protected: Sequence[Sequence[Span]]) -> list[list[RawSentence]]:
        """Split each text into sentences of (start, end) tokens; each protected span is one token."""
        ...

    def lemmatize(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Return candidate lemmas (best first) for lower-case word forms."""
        ...

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[Annotation]] | None:
        """Return one annotation per word of each sentence, or None when the backend does not parse."""
        ...


def _split_sentences(text: str, tokens: list[RawToken]) -> list[RawSentence]:
    """Group tokens into sentences at . ! ? ; … and at end-of-sentence abbreviations."""
    sentences: list[RawSentence] = []
    current: RawSentence = []
    close_next = False
    for i, (a, b) in enumerate(tokens):
        tok = text[a:b]
        if close_next and tok not in CLOSERS and tok not in SENTENCE_PUNCT:
            sentences.append(current)
            current = []
            close_next = False
        current.append((a, b))
        nxt = text[tokens[i + 1][0]:tokens[i + 1][1]] if i + 1 < len(tokens) else ""
        if tok in SENTENCE_PUNCT or (tok.endswith("...") and len(tok) > 3):
            close_next = True
        elif tok.lower() in END_ABBREVIATIONS and nxt[:1].isupper():
            close_next = True
        elif close_next and tok in CLOSERS:
            pass
    if current:
        sentences.append(current)
    return sentences


def _merge_protected(tokens: list[RawToken], spans: Sequence[Span]) -> list[RawToken]:
    """Replace the tokens inside each protected span by one token covering the span."""
    if not spans:
        return tokens
    out: list[RawToken] = []
    k = 0
    i = 0
    while i < len(tokens):
        a, b = tokens[i]
        while k < len(spans) and spans[k].end <= a:
            k += 1
        if k < len(spans) and spans[k].start < b and a < spans[k].end:
            span = spans[k]
            start = min(a, span.start)
            end = max(b, span.end)
            i += 1
            while i < len(tokens) and tokens[i][0] < span.end:
                end = max(end, tokens[i][1])
                i += 1
            # keep punctuation that the tokenizer glued onto the span's end as its own token
            out.append((start, span.end))
            if end > span.end:
                out.append((span.end, end))
            k += 1
            continue
        out.append((a, b))
        i += 1
    return out


class RegexBackend:
    """A dependency-free backend for tests: regex tokens, lemma = the word itself."""

    name = "regex"

    def segment(self, texts: Sequence[str], protected: Sequence[Sequence[Span]]) -> list[list[RawSentence]]:
        out = []
        for text, spans in zip(texts, protected):
            tokens = [(m.start(), m.end()) for m in re.finditer(r"\w+(?:[-'’]\w+)*|[^\w\s]", text)]
            out.append(_split_sentences(text, _merge_protected(tokens, spans)))
        return out

    def lemmatize(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        return {w: (w,) for w in words}

    def parse(self, sentences: Sequence[Sequence[str]]) -> None:
        return None


LONG_RUN = 100
VOCAB_LIMIT = 200_000   # words in spaCy's vocabulary before the tokenizer is made again (about 0.3 s)
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_RUN_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


def _blank(text: str, runs: list[tuple[int, int]]) -> str:
    """Return `text` with the given stretches replaced by spaces (same length, so offsets stay)."""
    parts, pos = [], 0
    for a, b in runs:
        parts += [text[pos:a], " " * (b - a)]
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


class SpacyBackend:
    """spaCy `blank("nl")` tokenizer with Dutch special cases, our segmenter and lookup lemmas."""

    name = "spacy-blank-nl"

    def __init__(self) -> None:
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = _blank_nl()
        return self._nlp

    def segment(self, texts: Sequence[str], protected: Sequence[Sequence[Span]]) -> list[list[RawSentence]]:
        out = []
        from spacy.attrs import IDX, IS_SPACE, LENGTH

        # spaCy's tokenizer takes time quadratic in the length of one token (200 kB of '*' runs for
        # hours); runs without spaces longer than LONG_RUN are blanked for spaCy and split by our regex.
        runs = [[m.span() for m in _LONG_RUN.finditer(text)] for text in texts]
        given = [_blank(text, r) if r else text for text, r in zip(texts, runs)]
        for text, spans, doc, long_runs in zip(texts, protected, self.nlp.tokenizer.pipe(given), runs):
            arr = doc.to_array([IDX, LENGTH, IS_SPACE]).tolist() if len(doc) else []
            tokens = [(int(i), int(i) + int(n)) for i, n, sp in arr if not sp]
            if long_runs:
                tokens += [m.span() for a, b in long_runs for m in _RUN_TOKEN.finditer(text, a, b)]
                tokens.sort()
            out.append(_split_sentences(text, _merge_protected(tokens, spans)))
        if len(self.nlp.vocab) > VOCAB_LIMIT:   # spaCy keeps every word it saw: start afresh (tokens are offsets)
            self._nlp = None
            _blank_nl.cache_clear()
        return out

    def lemmatize(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        from eenvoudig.analysis.wordinfo import tables

        return tables().lemmas(words)

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[Annotation]] | None:
        return None


class PipelineBackend(SpacyBackend):
    """Our trained Dutch pipeline on top of the blank tokenizer: tags, morphology, lemmas, dependencies."""

    name = DEFAULT_BACKEND

    def parse(self, sentences: Sequence[Sequence[str]]) -> list[list[Annotation]]:
        """Parse each sentence; one longer than MAX_PARSE_WORDS (no real sentence is: a list without
        full stops, a table pasted as text) is parsed in pieces, so time stays linear in its length."""
        from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

        from eenvoudig.analysis.pipeline import annotate

        pieces: list[tuple[int, int]] = []     # (sentence index, offset of the piece in the sentence)
        words: list[Sequence[str]] = []
        for i, sentence in enumerate(sentences):
            for k in range(0, max(1, len(sentence)), MAX_PARSE_WORDS):
                pieces.append((i, k))
                words.append(sentence[k:k + MAX_PARSE_WORDS])
        out: list[list[Annotation]] = [[] for _ in sentences]
        names: dict[int, str] = {0: ""}    # string hash -> string (part of speech, tag, lemma, relation)
        morphs: dict[int, str] = {0: ""}   # morphology hash -> features; spaCy writes no features as "_"
        for (i, k), doc in zip(pieces, annotate((w, [True] * len(w)) for w in words)):
            if not len(doc):
                continue
            strings = doc.vocab.strings
            # one array per Doc instead of six Token attributes per token (the same strings)
            for j, (pos, tag, morph, lemma, head, dep) in enumerate(
                    doc.to_array([POS, TAG, MORPH, LEMMA, HEAD, DEP]).tolist()):
                for h in (pos, tag, lemma, dep):
                    if h not in names:
                        names[h] = strings[h]
                m = morphs.get(morph)
                if m is None:
                    m = strings[morph]
                    m = morphs[morph] = "" if m == "_" else m
                # HEAD is the offset to the head, stored unsigned
                out[i].append((names[pos], names[tag], m, names[lemma],
                               k + j + (head if head < 1 << 63 else head - (1 << 64)), names[dep]))
        return out


@lru_cache(maxsize=1)
def _blank_nl():
    """Return spaCy's blank Dutch pipeline with our tokenizer exceptions loaded in one pass."""
    from spacy.attrs import IS_SPACE
    from spacy.lang.nl import Dutch
    from spacy.language import create_vocab
    from spacy.symbols import ORTH

    from eenvoudig.lexicon import abbreviations

    specials = {"'s-Hertogenbosch", "'s-Gravenhage", "'s-Gravendeel", "'s-Heerenberg", "excl.", "incl.",
                "febr.", "feb.", "sept.", "okt.", "ma.", "di.", "wo.", "do.", "vr.", "za.", "zo.", "jl.",
                "t/m", "p/a", "m.i.v.", "z.o.z.", "o.b.v.", "t.z.t.", "e.e.a.", "i.o.m.", "Pw.", "Awb."}
    specials |= {a for a in abbreviations() if ("." in a or "/" in a) and " " not in a}
    ours: dict[str, list[dict]] = {}
    for sp in specials:
        for variant in {sp, sp[:1].upper() + sp[1:]}:
            ours[variant] = [{ORTH: variant}]
    # spaCy's Dutch list has these as abbreviations, but in letters they are words that end a
    # sentence: "Wij helpen u. Bel ons." — split them so the full stop ends the sentence.
    for word in ("u", "dat", "al", "me", "kon", "pas", "best", "hand", "vol", "top", "ver", "bel", "app", "max",
                 "min", "red", "volg", "get", "not", "pan", "doc", "mee", "op", "af", "aan", "uit", "nu", "toe"):
        for w in (word, word.capitalize()):
            ours[w + "."] = [{ORTH: w}, {ORTH: "."}]

    class Defaults(Dutch.Defaults):
        tokenizer_exceptions = {**Dutch.Defaults.tokenizer_exceptions, **ours}

    class EenvoudigDutch(Dutch):
        """Dutch with eenvoudig's tokenizer exceptions (registered nowhere; used only here)."""

    EenvoudigDutch.Defaults = Defaults
    # We read only offsets and IS_SPACE from this tokenizer's Docs: spaCy need not work out some twenty other
    # attributes (shape, stop word, like_num …) for every word form it meets, neither for the thousands of
    # special cases it loads at start nor for each new word of a letter.
    vocab = create_vocab(EenvoudigDutch.lang, Defaults)
    vocab.lex_attr_getters = {IS_SPACE: vocab.lex_attr_getters[IS_SPACE]}
    return EenvoudigDutch(vocab)


_BACKENDS: dict[str, type] = {DEFAULT_BACKEND: PipelineBackend, FAST_BACKEND: SpacyBackend, "regex": RegexBackend}


@lru_cache(maxsize=4)
def get_backend(name: str = DEFAULT_BACKEND) -> NlpBackend:
    """Return the analysis backend registered under `name`."""
    try:
        return _BACKENDS[name]()
    except KeyError:
        from eenvoudig.errors import DataError

        raise DataError(f"onbekende analyse-backend '{name}'; kies uit: {', '.join(sorted(_BACKENDS))}.") from None


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@lru_cache(maxsize=1)
def _frequency_lists() -> tuple[frozenset[str], frozenset[str]]:
    """Return (everyday words wordfreq underrates, opaque compounds we must not split) from the lexicon data."""
    from eenvoudig.lexicon import frequency_lists

    return frequency_lists()


_BLOCK_CACHE: OrderedDict[tuple, tuple[tuple[Sentence, ...], tuple[Span, ...]]] = OrderedDict()
_BLOCK_CACHE_SIZE = 8192
# Bound by size too: a cached block costs about 55 bytes per character of text (tokens, spans), so
# a million characters keep the cache near 60 MB however long the blocks are.
_BLOCK_CACHE_CHARS = 1_000_000
_block_cache_chars = [0]


def analyze(document: Document, backend: NlpBackend | str | None = None) -> Analysis:
    """Analyse a document: protected spans, sentences, tokens, lemmas, syllables and frequencies.

    Blocks are analysed once per process: letters made from one template share most paragraphs, so a
    paragraph seen before (same text, scope and salutation names) is taken from a small cache.
    Raises TypeError for anything but a Document (a string goes through `eenvoudig.read_text` first).
    """
    if not isinstance(document, Document):
        raise TypeError(f"analyze() verwacht een Document (van eenvoudig.read of eenvoudig.read_text), geen "
                        f"{type(document).__name__}. Een tekst: eenvoudig.analyze(eenvoudig.read_text(tekst)).")
    nlp = backend if backend is not None and not isinstance(backend, str) else get_backend(backend or DEFAULT_BACKEND)
    blocks = document.blocks
    names: tuple[str, ...] = ()
    for b in blocks:
        if b.scope == "salutation":
            names += tuple(n for n in salutation_names(b.text) if n not in names)
    keys = [(nlp.name, b.text, b.scope, names) for b in blocks]
    todo: dict[tuple, Block] = {}
    for key, b in zip(keys, blocks):
        if key in _BLOCK_CACHE:
            _BLOCK_CACHE.move_to_end(key)
        else:
            todo.setdefault(key, b)
    if todo:
        results = _analyze_blocks(list(todo.values()), names, nlp)
        for key, result in zip(todo, results):
            if len(key[1]) <= _BLOCK_CACHE_CHARS // 4:   # one huge block is not kept at all
                _BLOCK_CACHE[key] = result
                _block_cache_chars[0] += len(key[1])
        while len(_BLOCK_CACHE) > _BLOCK_CACHE_SIZE or _block_cache_chars[0] > _BLOCK_CACHE_CHARS:
            old, _ = _BLOCK_CACHE.popitem(last=False)
            _block_cache_chars[0] -= len(old[1])
        local = dict(zip(todo, results))
    else:
        local = {}
    sentences: list[Sentence] = []
    span_index: list[tuple[int, Span]] = []
    for bi, key in enumerate(keys):
        sents, spans = local.get(key) or _BLOCK_CACHE[key]
        sentences.extend(replace(s, block=bi) for s in sents)
        span_index.extend((bi, sp) for sp in spans)
    return Analysis(document, tuple(sentences), tuple(span_index), nlp.name)


def clear_caches() -> None:
    """Forget every analysed paragraph and every word the pipeline looked up (for a server that keeps no text)."""
    import sys

    _BLOCK_CACHE.clear()
    _block_cache_chars[0] = 0
    if "eenvoudig.analysis.pipeline" in sys.modules:
        sys.modules["eenvoudig.analysis.pipeline"].forget()


def _analyze_blocks(blocks: list[Block], names: tuple[str, ...], nlp: NlpBackend
                    ) -> list[tuple[tuple[Sentence, ...], tuple[Span, ...]]]:
    """Analyse blocks in one batch; return per block its sentences (block index 0) and protected spans."""
    from eenvoudig.analysis.wordinfo import split_candidates, tables

    spans = [find_spans(b.text, names=names) for b in blocks]
    raw = nlp.segment([b.text for b in blocks], spans)
    parses = _parse(nlp, blocks, raw)

    # One batch look-up of every word form in these blocks.
    forms = {b.text[s:e].lower() for b, sents in zip(blocks, raw) for sent in sents for s, e in sent}
    words = {f for f in forms if f.isalpha() or any(c.isalpha() for c in f)}
    lemmas = nlp.lemmatize(words)
    parts = {p for w in words if "-" in w or "'" in w or "’" in w for p in re.split(r"[-'’]", w) if len(p) > 2}
    word_tables = tables() if nlp.name != "regex" else None
    zipf: dict[str, float] = {}
    if word_tables is not None:
        zipf = dict(word_tables.zipf(words | parts | {lem for w in words for lem in lemmas.get(w, ())}))
        rare_long = [w for w in words if len(w) >= 8 and w.isalpha()
                     and max([zipf.get(w, 0.0)] + [zipf.get(x, 0.0) for x in lemmas.get(w, ())]) < 3.0]
        if rare_long:
            zipf.update(word_tables.zipf({c for w in rare_long for c in split_candidates(w)}))
    everyday, opaque = _frequency_lists()
    stop = _stop_words()

    out = []
    features: dict[str, tuple] = {}  # per word form: lemmas, kind, syllables, zipf, content, is_word
    parsed = iter(parses) if parses is not None else None
    for block, block_spans, sents in zip(blocks, spans, raw):
        span_list = [s for s in block_spans if s.kind != "getal"]
        by_start = {s.start: s for s in block_spans}
        sentences: list[Sentence] = []
        for sent in sents:
            if not sent:
                continue
            ann = next(parsed) if parsed is not None else None
            toks: list[Token] = []
            for ti, (a, b) in enumerate(sent):
                text = block.text[a:b]
                span = by_start.get(a)
                kind = span.kind if span is not None and span.end == b else None
                low = text.lower()
                if kind is None and ti > 0 and _is_name(text, block.text[sent[ti - 1][0]:sent[ti - 1][1]], toks):
                    kind = "naam"
                syntax = ann[ti] if ann is not None else ("", "", "", "", -1, "")
                if kind is not None:
                    n_syl = max(1, len(re.findall(r"\w+", text)))  # a date or URL reads as a few units
                    toks.append(Token(text, a, b, (low,), kind, n_syl, None, False, low, kind != "picto",
                                      syntax[0], syntax[1], syntax[2], syntax[4], syntax[5]))
                    continue
                feats = features.get(text)
                if feats is None:
                    feats = features[text] = _word_features(text, low, lemmas, zipf, word_tables is not None,
                                                            everyday, opaque, stop)
                cand = feats[0]
                lemma = syntax[3].lower()
                if lemma and lemma != cand[0]:
                    cand = (lemma, *(c for c in cand if c != lemma))  # the lemma in context comes first
                toks.append(Token(text, a, b, cand, *feats[1:5], low, feats[5],
                                  syntax[0], syntax[1], syntax[2], syntax[4], syntax[5]))
            start, end = sent[0][0], sent[-1][1]
            sentences.append(Sentence(0, start, end, block.text[start:end], block.scope, tuple(toks)))
            # names found in the sentence are protected too
            span_list.extend(Span(t.start, t.end, "naam", t.text) for t in toks
                             if t.kind == "naam" and t.start not in by_start)
        span_list.sort(key=lambda x: x.start)
        out.append((tuple(sentences), tuple(span_list)))
    return out


def _parse(nlp: NlpBackend, blocks: list[Block], raw: list[list[RawSentence]]) -> list[list[Annotation]] | None:
    """Parse every sentence of these blocks in one batch; return one annotation per token of each sentence.

    The model sees words: a protected span such as "1 januari 2027" or "€ 1.250,50" is split at white
    space for it, and our one token takes the annotation of its syntactic head (the word whose head lies
    outside the span). Heads are mapped back to our token indexes; the root points to itself.
    """
    words: list[list[str]] = []
    owners: list[list[int]] = []
    for block, sents in zip(blocks, raw):
        for sent in sents:
            if not sent:
                continue
            w: list[str] = []
            own: list[int] = []
            for ti, (a, b) in enumerate(sent):
                parts = block.text[a:b].split() or [block.text[a:b]]
                w.extend(parts)
                own.extend([ti] * len(parts))
            words.append(w)
            owners.append(own)
    if not words:
        return []
    parses = nlp.parse(words)
    if parses is None:
        return None
    return [_fold(ann, own) for ann, own in zip(parses, owners)]


def _fold(ann: list[Annotation], owner: list[int]) -> list[Annotation]:
    """Fold word annotations onto our tokens (see `_parse`)."""
    chosen: dict[int, int] = {}
    for w, t in enumerate(owner):
        head = ann[w][4]
        if t not in chosen or (owner[head] != t or head == w) and owner[ann[chosen[t]][4]] == t \
                and ann[chosen[t]][4] != chosen[t]:
            chosen[t] = w  # the first word of the token, unless a later one is its head (points outside)
    out: list[Annotation] = []
    for t in range(len(chosen)):
        pos, tag, morph, lemma, head, dep = ann[chosen[t]]
        out.append((pos, tag, morph, lemma, owner[head], dep))
    return out


def _word_features(text: str, low: str, lemmas: dict, zipf: dict, with_tables: bool, everyday: frozenset,
                   opaque: frozenset, stop: frozenset) -> tuple:
    """Return (lemmas, kind, syllables, zipf, content, is_word) for one word form; computed once per form."""
    from eenvoudig.analysis.wordinfo import compound_head, syllables

    alpha = text.isalpha() or any(c.isalpha() for c in text)
    cand = lemmas.get(low, (low,)) if alpha else (low,)
    if low in stop and cand[0] != low:
        cand = (low, *(c for c in cand if c != low))  # het is 'het', not a form of hebben
    z = None
    if alpha and with_tables:
        z = max([zipf.get(low, 0.0)] + [zipf.get(x, 0.0) for x in cand])
        if low in everyday:
            z = max(z, 4.0)
        elif z < 3.0 and len(low) >= 8 and low not in opaque and "-" not in low:
            split = compound_head(low, zipf)
            if split:
                z = max(z, zipf.get(split[1], 0.0))
        elif z < 3.0 and re.search(r"[-'’]", low):
            # e-mail, BSN-nummer, aankoopnota's: judge the parts
            pieces = [p for p in re.split(r"[-'’]", low) if len(p) > 2]
            z = max(z, min((zipf.get(p, 0.0) for p in pieces), default=z))
    content = alpha and low not in stop and len(low) > 2 and not text.isupper()
    n_syl = syllables(text) if alpha or text[:1].isdigit() else 0
    return cand, None, n_syl, z, content, is_word(text)


def _is_name(text: str, previous: str, done: list[Token]) -> bool:
    """A capitalised word inside a sentence (not an acronym, not after a colon) is a name."""
    if not text[:1].isupper() or text.isupper() or not text.replace("-", "").replace("'", "").isalpha():
        return False
    if previous in {":", "“", '"', "(", "-", "–", "'", "‘"}:
        return False
    if len(text) > 1 and any(c.isupper() for c in text[1:]) and not re.match(r"^[A-Z][a-z]+(-[A-Z][a-z]+)+$", text):
        return False  # DigiD, WhatsApp-like words: not names for our purposes
    return True
