"""The trained Dutch spaCy pipeline shipped with eenvoudig: load it once, annotate our own sentences.

The pipeline (`nl_pipeline/` beside this file) was trained on Dutch Universal Dependencies sections with the
recipe in `training/` (CC BY-SA 4.0; see `nl_pipeline/ATTRIBUTION.md`). It has no use for spaCy's tokenizer:
our tokenizer and sentence segmenter decide the tokens, and `annotate` feeds them in one sentence per Doc.

    tok2vec → tagger (Dutch CGN tag in token.tag_) → morphologizer (token.pos_, token.morph)
            → trainable_lemmatizer → lemma_dictionary → parser (UD labels in token.dep_, token.head)
            → particle_lemma

Three small parts are ours (registered by `register_components`, which `load_pipeline` calls):
`lemma_dictionary` (`LemmaDictionary`) corrects noun and verb lemmas from spaCy's Dutch lemma data and tells
tok2vec which open classes a word can be in (through `token.shape_`, see `add_word_classes`);
`particle_lemma` corrects what only the parse can tell: it gives a separable verb its whole lemma (in "Wij
kennen u de bijstand toe" the verb "kennen" has a `compound:prt` child "toe", so its lemma becomes
"toekennen"), and it makes a participle of a verb form that looks like an infinitive ("ontvangen",
"vergeten") when its auxiliaries are only hebben, zijn or worden ("Wij hebben uw brief ontvangen");
`SpaceTokenizer`
stands in for spaCy's tokenizer. Lemmas have no underscores (UD Dutch writes "toe_kennen"; we write
"toekennen", as the lexicon does).

`nlp.pipe` (which `annotate` uses) is not meant to be called from several threads at once on one pipeline.

spaCy is imported only when the pipeline is loaded, so `import eenvoudig` stays fast.
"""

from __future__ import annotations

from bisect import bisect_left
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from eenvoudig.errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_DIR = Path(__file__).with_name("nl_pipeline")
PARTICLE_COMPONENT = "eenvoudig_particle_lemma"
DICTIONARY_COMPONENT = "eenvoudig_lemma_dictionary"
TOKENIZER = "eenvoudig.SpaceTokenizer.v1"
WORD_CLASSES = "eenvoudig.add_word_classes.v1"
BATCH_SIZE = 256

_lock = threading.Lock()
_loaded: dict[Path, "Language"] = {}


def register_components() -> None:
    """Register our own pipeline components with spaCy (needed before loading or training)."""
    from spacy.language import Language
    from spacy.util import registry

    if not Language.has_factory(PARTICLE_COMPONENT):
        Language.factory(PARTICLE_COMPONENT, func=lambda nlp, name: AfterParse(nlp))
    if TOKENIZER not in registry.tokenizers:
        registry.tokenizers.register(TOKENIZER, func=lambda: SpaceTokenizer)
    if WORD_CLASSES not in registry.callbacks:
        registry.callbacks.register(WORD_CLASSES, func=lambda: add_word_classes)
    if not Language.has_factory(DICTIONARY_COMPONENT):
        Language.factory(DICTIONARY_COMPONENT, default_config={"pos": ["NOUN", "VERB", "AUX"]},
                         func=lambda nlp, name, pos: LemmaDictionary(pos))


def add_word_classes(nlp: "Language") -> "Language":
    """Let each word's shape also say which open classes the lemma dictionary knows it in.

    `token.shape_` becomes e.g. "xxxx|nv" (lower-case word, known as noun and as verb) or "Xxxxx|" (unknown:
    probably a name). tok2vec embeds the shape, so the tagger, morphologizer and parser get a dictionary's
    view of words they never saw in training (about a quarter of the words in new text).
    """
    from spacy.attrs import SHAPE
    from spacy.lang.lex_attrs import word_shape

    dictionary = next(p for _, p in nlp.pipeline if isinstance(p, LemmaDictionary))
    nlp.vocab.lex_attr_getters[SHAPE] = lambda text: f"{word_shape(text)}|{dictionary.word_class(text)}"
    return nlp


class LemmaDictionary:
    """Replace the trained lemma by a dictionary lemma where the dictionary is sure (nouns and verbs).

    The dictionary is spaCy's Dutch lemma data (spacy-lookups-data, MIT), copied into the model at training
    time so the lemmas cannot change with another version of that package. For a token with part of speech
    `pos`, in this order: the word is itself a known lemma; an exception (gaan → ging); the lookup table's lemma
    if it is a known lemma; a suffix rule whose result is a known lemma. Otherwise the trained lemma stays.
    Trained lemmatizers guess badly on words they never saw (a quarter of the words in new text); on the
    held-out section this step raised lemma accuracy (training/README.md).
    """

    def __init__(self, pos: Sequence[str]) -> None:
        self.pos = {p: ("verb" if p == "AUX" else p.lower()) for p in pos}
        # one sorted line per known word: "form<TAB>classes<TAB>lemma" (classes: n noun, v verb, a adjective
        # when the form is itself a lemma of that class; lemma: the lookup table's lemma, if it is a known lemma)
        self._lines: list[str] = []
        self._exc: dict[str, dict[str, list[str]]] = {}     # kind -> irregular form -> lemmas (ging: gaan)
        self._rules: dict[str, list[list[str]]] = {}        # kind -> [old suffix, new suffix]
        self._cache: dict[tuple[str, str], str | None] = {}

    def __call__(self, doc: "Doc") -> "Doc":
        for token in doc:
            kind = self.pos.get(token.pos_)
            if kind is not None:
                lemma = self.lemma(token.lower_, kind)
                if lemma is not None:
                    token.lemma_ = lemma
        return doc

    def _record(self, form: str) -> tuple[str, str]:
        """Return (classes, lookup lemma) of a form, ("", "") when the dictionary does not know it."""
        lines = self._lines
        key = form + "\t"
        i = bisect_left(lines, key)
        if i < len(lines) and lines[i].startswith(key):
            _, classes, lemma = lines[i].split("\t")
            return classes, lemma
        return "", ""

    def lemma(self, form: str, kind: str) -> str | None:
        """Return the dictionary lemma of a lower-case form as part of speech `kind` (noun, verb, adj)."""
        key = (form, kind)
        if key in self._cache:
            return self._cache[key]
        code = kind[0]
        classes, looked_up = self._record(form)
        found = None
        if code in classes:
            found = form
        elif form in self._exc.get(kind, {}):
            found = self._exc[kind][form][0]
        elif looked_up and code in self._record(looked_up)[0]:
            found = looked_up
        else:
            for old, new in self._rules.get(kind, ()):
                if form.endswith(old):
                    candidate = form[: len(form) - len(old)] + new
                    if candidate and code in self._record(candidate)[0]:
                        found = candidate
                        break
        if len(self._cache) < 200_000:
            self._cache[key] = found
        return found

    def word_class(self, form: str) -> str:
        """Return which open classes the dictionary knows a form in: 'n' noun, 'v' verb, 'a' adjective
        ('nv' for both noun and verb, '' for none: a name, a foreign or a misspelt word)."""
        if not self._lines:
            self.initialize()
        low = form.lower()
        return "".join(code for code, kind in (("n", "noun"), ("v", "verb"), ("a", "adj"))
                       if self.lemma(low, kind) is not None)

    def _set(self, tables: dict) -> None:
        """Keep from spaCy's tables (lookup, index, exc, rules) only what `lemma` can use: nouns, verbs and
        adjectives, and a looked-up lemma only if it is a known lemma."""
        kinds = ("noun", "verb", "adj")
        known: dict[str, list[str]] = {}
        for kind in kinds:
            for lemma in tables["index"].get(kind, ()):
                known.setdefault(lemma, ["", ""])[0] += kind[0]
        for form, lemma in tables["lookup"].items():
            if lemma in known:
                known.setdefault(form, ["", ""])[1] = lemma
        self._set_lines(sorted(f"{form}\t{classes}\t{lemma}" for form, (classes, lemma) in known.items()
                               if "\t" not in form + lemma and "\n" not in form + lemma))
        self._exc = {k: v for k, v in tables["exc"].items() if k in kinds}
        self._rules = {k: v for k, v in tables["rules"].items() if k in kinds}

    def _set_lines(self, lines: list[str]) -> None:
        self._lines = lines
        self._cache.clear()

    def initialize(self, get_examples=None, *, nlp=None) -> None:
        """Copy spaCy's Dutch lemma tables into the component (at training time)."""
        import gzip
        import json

        import spacy_lookups_data

        data = Path(spacy_lookups_data.__file__).parent / "data"
        self._set({name: json.loads(gzip.decompress((data / f"nl_lemma_{name}.json.gz").read_bytes()))
                   for name in ("lookup", "index", "exc", "rules")})

    # On disk: words.tsv (the sorted lines, read with one split: a fraction of the time a dictionary of
    # 400,000 words takes to load) and irregular.json (exceptions and suffix rules).
    def to_disk(self, path, *, exclude=()) -> None:
        import json

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "words.tsv").write_text("\n".join(self._lines) + "\n", encoding="utf-8", newline="\n")
        (path / "irregular.json").write_text(json.dumps({"exc": self._exc, "rules": self._rules},
                                                        ensure_ascii=False, sort_keys=True), encoding="utf-8")

    def from_disk(self, path, *, exclude=()) -> "LemmaDictionary":
        import json

        path = Path(path)
        # bytes, then decode: no newline translation of 8 MB unless a checkout made the lines end in "\r\n"
        text = (path / "words.tsv").read_bytes().decode("utf-8")
        lines = (text.replace("\r\n", "\n") if "\r" in text else text).split("\n")
        if lines and not lines[-1]:
            lines.pop()
        irregular = json.loads((path / "irregular.json").read_text(encoding="utf-8"))
        self._exc, self._rules = irregular["exc"], irregular["rules"]
        self._set_lines(lines)
        return self


class SpaceTokenizer:
    """Split text at white space only. We give the pipeline our own tokens (see `annotate`), so spaCy's Dutch
    tokenizer, whose thousands of special cases take a second to load, is not part of the model."""

    def __init__(self, nlp_or_vocab) -> None:
        self.vocab = getattr(nlp_or_vocab, "vocab", nlp_or_vocab)

    def __call__(self, text: str) -> "Doc":
        import re

        from spacy.tokens import Doc

        matches = list(re.finditer(r"\S+", text))
        return Doc(self.vocab, words=[m.group() for m in matches],
                   spaces=[m.end() < len(text) and text[m.end()].isspace() for m in matches])

    def to_disk(self, path, *, exclude=()) -> None:
        return None

    def from_disk(self, path, *, exclude=()) -> "SpaceTokenizer":
        return self

    def to_bytes(self, *, exclude=()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, *, exclude=()) -> "SpaceTokenizer":
        return self


# Words that stand apart from their verb as a separable particle (wij kennen u de bijstand toe).
PARTICLES = frozenset("""aan achter achterna af bij binnen boven buiten dicht door fijn goed heen in kapot klaar
langs leeg los mee mis na neer om onder op open over plat rond samen schoon stil tegen terecht terug thuis toe
uit vast vol voor voorbij voort vrij weg weer""".split())


PERFECT_AUXILIARIES = frozenset({"hebben", "zijn", "worden"})
# prefixes without stress: the participle has no ge- and, for many strong verbs, is the infinitive (ontvangen)
UNSTRESSED_PREFIXES = ("be", "ge", "ver", "ont", "her", "er")
PARTICIPLE_TAG = "WW|vd|vrij|zonder"
INFINITIVE_TAG = "WW|inf|vrij|zonder"
PAST_PLURAL_TAG = "WW|pv|verl|mv"


def after_parse(doc: "Doc", dictionary: "LemmaDictionary | None" = None) -> "Doc":
    """The `particle_lemma` component: what the parse and the lemma can correct (`mark_open_words`,
    `mark_participles`, `mark_past_plurals`, `mark_agents`, `join_particles`)."""
    if dictionary is not None:
        doc = mark_open_words(doc, dictionary)
    return join_particles(mark_perfects(mark_agents(mark_past_plurals(mark_participles(doc)))))


class AfterParse:
    """`after_parse` as a pipeline component, with the pipeline's own lemma dictionary."""

    def __init__(self, nlp: "Language") -> None:
        self.nlp = nlp
        self.dictionary: LemmaDictionary | None = None

    def __call__(self, doc: "Doc") -> "Doc":
        if self.dictionary is None:  # the pipeline is complete by the first call
            self.dictionary = next((c for _, c in self.nlp.pipeline if isinstance(c, LemmaDictionary)), None)
        return after_parse(doc, self.dictionary)


# The Dutch pronouns (a closed class): a word tagged PRON that is not one of these is the tagger's guess for a
# word it does not know ("retourneren", "Retourneer" in a letter).
PRONOUNS = frozenset("""ik mij me mijzelf jij je jou jezelf u uzelf hij hem hemzelf zij ze haar haarzelf het wij
we ons onszelf jullie hen hun zich zichzelf elkaar men dit dat deze die wie wat welk welke iemand niemand iets niets
alles iedereen ieder iedere elk elke er mijn jouw uw zijn onze hare zulk zulke sommige enkele alle allen beide
geen veel weinig meer minder wiens wier waar hier daar""".split())
# what may follow an imperative at the start of a sentence when the word can also be a noun ("Stuur het …",
# "Bel ons …"; not "Verzoek om …")
OBJECT_POS = frozenset({"DET", "PRON"})
FINITE_TAG = "WW|pv|tgw|ev"


def mark_open_words(doc: "Doc", dictionary: "LemmaDictionary") -> "Doc":
    """Give an open word class back to words the tagger put in a closed one, from the lemma dictionary.

    A word tagged PRON that is no Dutch pronoun becomes VERB, NOUN or ADJ when the dictionary knows it in only
    one of those classes ("Wij om retourneren …"). A capitalised first word of a sentence tagged PROPN (or PRON)
    that the dictionary knows as a verb is an imperative ("Vul het formulier in", "Betaal de rekening"); when
    the word can also be a noun, only if a determiner or pronoun follows ("Stuur het …", but a heading
    "Verzoek om …" stays a noun). The lemma comes from the dictionary; a verb is the infinitive when the form
    is its own lemma, else a finite present singular (the imperative's form).
    """
    from spacy.tokens import MorphAnalysis

    for token in doc:
        pos = token.pos_
        low = token.lower_
        if pos == "NOUN" and _after_first_subject(doc, token.i):
            # verb second: right after a subject pronoun that opens the sentence comes the finite verb
            # ("Ik verzoek u …", "Wij besluit…" is not Dutch, so a noun reading is the tagger's error)
            if "v" in dictionary.word_class(low):
                _make_verb(token, low, dictionary, MorphAnalysis, finite=True)
            continue
        if pos not in ("PRON", "PROPN"):
            continue
        if pos == "PRON" and low in PRONOUNS:
            continue
        first = token.is_sent_start or token.i == 0
        if pos == "PROPN" and not (first and token.text[:1].isupper()):
            continue
        classes = dictionary.word_class(low)
        if not classes:
            continue
        new = None
        if "v" in classes and ("n" not in classes or (first and token.i + 1 < len(doc)
                                                      and doc[token.i + 1].pos_ in OBJECT_POS)):
            new = "VERB"
        elif pos == "PRON" and classes in ("n", "a"):
            new = "NOUN" if classes == "n" else "ADJ"
        if new is None:
            continue
        if new == "VERB":
            _make_verb(token, low, dictionary, MorphAnalysis)
        else:
            token.pos_ = new
            token.lemma_ = dictionary.lemma(low, "noun" if new == "NOUN" else "adj") or low
            token.set_morph(MorphAnalysis(doc.vocab, {}))
    return doc


SUBJECT_PRONOUNS = frozenset({"ik", "jij", "hij", "wij", "we", "zij"})


def _after_first_subject(doc: "Doc", i: int) -> bool:
    """Whether token i directly follows a subject pronoun that opens its sentence ("Ik verzoek …")."""
    if i == 0:
        return False
    before = doc[i - 1]
    return before.lower_ in SUBJECT_PRONOUNS and (before.i == 0 or before.is_sent_start)


def _make_verb(token, low: str, dictionary: "LemmaDictionary", morph_class, finite: bool = False) -> None:
    """Make a token a verb: the dictionary's lemma; the infinitive when the form is its own lemma, else a finite
    present singular (an imperative, or the ik/hij form after its subject). With `finite` (after a subject) a
    form that is its own lemma is the present plural ("Wij besluiten …")."""
    lemma = dictionary.lemma(low, "verb") or low
    token.pos_ = "VERB"
    token.lemma_ = lemma
    if lemma == low and finite:
        token.tag_, morph = "WW|pv|tgw|mv", {"Number": "Plur", "Tense": "Pres", "VerbForm": "Fin"}
    elif lemma == low:
        token.tag_, morph = INFINITIVE_TAG, {"VerbForm": "Inf"}
    else:
        token.tag_, morph = FINITE_TAG, {"Number": "Sing", "Tense": "Pres", "VerbForm": "Fin"}
    token.set_morph(morph_class(token.doc.vocab, morph))


# Verbs the training data (UD LassySmall and our training letters) shows with zijn as perfect auxiliary and never
# with zijn as passive auxiliary ("U bent verhuisd", "Het is gebleken"); lemmas as the pipeline writes them.
ZIJN_PERFECT_VERBS = frozenset("""afspringen belanden betrekken bewegen binnendringen binnenkomen blijken blijven
breken dalen gaan gebeuren groeien inkruipen inlopen komen losraken lukken mislukken ontsnappen ontstaan opgaan
overlopen schitteren springen starten sterven stijgen stoppen trouwen uitgroeien uitkristalliseren vallen verhuizen
verschijnen vervallen verwateren worden zijn""".split())


def mark_perfects(doc: "Doc") -> "Doc":
    """Make zijn + participle a perfect, not a passive, for verbs that take zijn as perfect auxiliary.

    "Als u verhuisd bent" is no passive: the parser's `aux:pass` becomes `aux` and `nsubj:pass` becomes `nsubj`
    when the participle's lemma is in `ZIJN_PERFECT_VERBS`, the auxiliary is zijn and there is no agent.
    """
    for token in doc:
        if token.lemma_ not in ZIJN_PERFECT_VERBS or token.morph.get("VerbForm") != ["Part"]:  # cheap test first
            continue
        children = list(token.children)
        if any(c.dep_ == "obl:agent" for c in children):
            continue
        if not any(c.dep_ == "aux:pass" and c.lemma_ == "zijn" for c in children):
            continue
        for c in children:
            if c.dep_ == "aux:pass" and c.lemma_ == "zijn":
                c.dep_ = "aux"
            elif c.dep_ == "nsubj:pass":
                c.dep_ = "nsubj"
    return doc


def mark_past_plurals(doc: "Doc") -> "Doc":
    """Make a plural finite verb in -ten/-den that is not its own infinitive a past tense: "wij verstrekten".

    The Dutch present plural is the infinitive (wij verstrekken, zij worden, wij melden); a plural in -ten or -den
    that differs from its lemma is a past tense (verstrekten, betaalden, vonden, hadden). In the UD Dutch training
    sections and our training letters this holds for every such form (287 of 287). Runs before the particle
    of a separable verb is put into the lemma ("kennen … toe" keeps the lemma kennen here).
    """
    from spacy.tokens import MorphAnalysis

    for token in doc:
        form = token.lower_
        if not form.endswith(("ten", "den")) or token.pos_ not in ("VERB", "AUX"):
            continue
        morph = token.morph.to_dict()
        if morph.get("VerbForm") != "Fin" or morph.get("Number") != "Plur" or morph.get("Tense") != "Pres":
            continue
        if token.lemma_ and form != token.lemma_.lower():
            token.tag_ = PAST_PLURAL_TAG
            token.set_morph(MorphAnalysis(doc.vocab, {**morph, "Tense": "Past"}))
    return doc


def mark_agents(doc: "Doc") -> "Doc":
    """Label a door-phrase of a passive verb `obl:agent`: "Uw aanvraag wordt door de gemeente beoordeeld".

    The parser sometimes attaches the phrase right but labels it plain `obl`. In the UD Dutch training sections
    and our training letters every `obl` with "door" on a verb that has an `aux:pass` is `obl:agent` (130 of
    130), so the label follows from the parse.
    """
    for token in doc:
        if token.dep_ != "obl" or token.head.i == token.i:
            continue
        if not any(c.dep_ == "case" and c.lower_ == "door" for c in token.children):
            continue
        if any(c.dep_ == "aux:pass" for c in token.head.children):
            token.dep_ = "obl:agent"
    return doc


def mark_participles(doc: "Doc") -> "Doc":
    """Decide participle or infinitive from the parse for verb forms that can be both.

    "ontvangen", "vergeten", "verlaten", "behouden" (an unstressed prefix, no ge-) are infinitive and participle
    alike, and the tagger and morphologizer see only a window of words. The auxiliaries tell: with only hebben,
    zijn or worden (and no "te") the form is the participle ("Wij hebben uw brief ontvangen", "Uw brief is door
    ons ontvangen", "kan bekeken worden"); with "te" or only other auxiliaries (modals) the infinitive ("U kunt
    het geld ontvangen", "om het geld te ontvangen"); with both ("heeft kunnen ontvangen") nothing changes. In
    the UD Dutch training sections both rules hold for every such form (203 participles, 127 infinitives).
    The prefix test also lets through weak verbs (betalen, participle betaald); "heeft … betalen" without a
    modal is not Dutch, so the participle rule does not meet them in a correct parse of correct text.
    """
    from spacy.tokens import MorphAnalysis

    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or not token.tag_.startswith(("WW|inf", "WW|vd|vrij")):
            continue
        form = token.lower_
        if not (form.endswith("en") and form.startswith(UNSTRESSED_PREFIXES)):
            continue
        auxiliaries = {c.lemma_ for c in token.children if c.dep_ in ("aux", "aux:pass")}
        te = any(c.dep_ == "mark" and c.lower_ == "te" for c in token.children)
        if auxiliaries and auxiliaries <= PERFECT_AUXILIARIES and not te:
            tag, verb_form = PARTICIPLE_TAG, "Part"
        elif (te or auxiliaries) and not auxiliaries & PERFECT_AUXILIARIES:
            tag, verb_form = INFINITIVE_TAG, "Inf"
        else:
            continue
        if token.tag_ != tag or str(token.morph) != f"VerbForm={verb_form}":
            token.tag_ = tag
            token.set_morph(MorphAnalysis(doc.vocab, {"VerbForm": verb_form}))
    return doc


def join_particles(doc: "Doc") -> "Doc":
    """Put a separated verb particle in front of its verb's lemma: kennen … toe → toekennen."""
    for token in doc:
        if token.dep_ == "compound:prt" and token.head.i != token.i and token.head.pos_ in ("VERB", "AUX"):
            verb = token.head
            particle = token.lower_
            if particle in PARTICLES and not verb.lemma_.startswith(particle):
                verb.lemma_ = particle + verb.lemma_
    return doc


def load_pipeline(path: str | Path | None = None) -> "Language":
    """Return the trained Dutch pipeline (loaded once per process and path; safe to call from threads)."""
    where = Path(path) if path is not None else MODEL_DIR
    nlp = _loaded.get(where)
    if nlp is None:
        with _lock:
            nlp = _loaded.get(where)
            if nlp is None:
                nlp = _loaded[where] = _load(where)
    return nlp


def _load(path: Path) -> "Language":
    """Load the pipeline directory at `path`; a missing or damaged model is a DataError in plain Dutch."""
    hint = "Installeer eenvoudig opnieuw (pip install .) of bouw het model opnieuw: python training/build.py."
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise DataError(f"{path}: het Nederlandse taalmodel ontbreekt (config.cfg of meta.json niet gevonden). {hint}")
    import spacy

    register_components()
    _group_entry_points()
    try:
        return spacy.load(path)
    except Exception as error:  # spaCy raises OSError, ValueError, KeyError, msgpack errors … for bad files
        raise DataError(f"{path}: het Nederlandse taalmodel is beschadigd en kan niet geladen worden "
                        f"({type(error).__name__}: {str(error)[:200]}). {hint}") from error


def _group_entry_points() -> None:
    """Let spaCy's registries find their plug-ins by group instead of by a scan of every installed entry point.

    Loading a pipeline asks the registries (catalogue) for entry points some 150 times, and catalogue filters the
    whole list of the environment each time (about 0.1 s of a cold `eenvoudig check`). Grouped once, the same
    entry points are found by a dictionary look-up: catalogue reads a plain dict as {group: entry points}.
    """
    try:
        import catalogue
    except ImportError:    # catalogue is spaCy's dependency; without it there is nothing to speed up
        return
    found = catalogue.AVAILABLE_ENTRY_POINTS
    if not hasattr(found, "select"):    # already grouped (by us, or an older catalogue)
        return
    groups: dict[str, list] = {}
    if isinstance(found, dict):         # Python 3.11: SelectableGroups, a dict of group -> entry points
        for group, points in dict.items(found):
            groups.setdefault(group, []).extend(points)
    else:                               # Python 3.12+: one flat EntryPoints list
        for point in found:
            groups.setdefault(point.group, []).append(point)
    catalogue.AVAILABLE_ENTRY_POINTS = groups


def forget() -> None:
    """Empty what the loaded pipelines remember of the words they saw (the lemma dictionary's look-ups)."""
    for nlp in list(_loaded.values()):
        for _, component in nlp.pipeline:
            cache = getattr(component, "_cache", None)
            if isinstance(cache, dict):
                cache.clear()


def annotate(sentences: Iterable[tuple[Sequence[str], Sequence[bool]]], nlp: "Language | None" = None,
             batch_size: int = BATCH_SIZE) -> Iterator["Doc"]:
    """Annotate sentences given as (words, spaces) with the pipeline, one Doc per sentence, in order.

    `words` are our own tokens of one sentence and `spaces[i]` says whether a space follows word i;
    spaCy's tokenizer is not used. Work is batched with `nlp.pipe` (`batch_size` sentences at a time).
    """
    from spacy.tokens import Doc

    nlp = nlp if nlp is not None else load_pipeline()
    vocab = nlp.vocab

    def docs() -> Iterator[Doc]:
        for words, spaces in sentences:
            doc = Doc(vocab, words=list(words), spaces=list(spaces))
            if len(doc):
                doc[0].is_sent_start = True
                for token in doc[1:]:
                    token.is_sent_start = False
            yield doc

    return nlp.pipe(docs(), batch_size=batch_size)
