"""Letter-style copies of UD sentences for training: hij/zij → u, hem → u, zijn/haar → uw, zij (plural) → wij,
hun → ons/onze, with the verb made to agree (is → bent, kan → kunt, …).

The UD Dutch sections hardly contain the language of municipal letters ("u" occurs once, "uw" and "bent" never),
so the model learns "u"/"uw" and the u-forms of verbs only from our few hundred letter sentences. These rules
turn a UD sentence into a sentence addressed to the reader, with a consistent annotation. A rule fires only where
the gold annotation makes it unambiguous (the CGN tag gives person and number; the deprel gives the function;
`Poss=Yes` a possessive); heads and deprels never change, only forms, lemmas, tags and features of the words
that are swapped. The choices are deterministic (seeded), so a rebuild gives the same corpus.

    Hij is ziek en kan niet komen.       → U bent ziek en kunt niet komen.
    Zij hebben hun huis verkocht.        → Wij hebben ons huis verkocht.
    De gemeente stuurt hem zijn pas.     → De gemeente stuurt u uw pas.
"""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Sequence

# (xpos, feats) of the words we write; as in training/data/brieven-train.conllu and the UD sections
U_NOM = ("VNW|pers|pron|nomin|vol|2b|getal", "Case=Nom|Person=2|PronType=Prs")
U_OBL = ("VNW|pr|pron|obl|vol|2|getal", "Case=Acc|Person=2|PronType=Prs")
UW = ("VNW|bez|det|stan|vol|2|getal|prenom|zonder|agr", "Person=2|Poss=Yes|PronType=Prs")
WIJ = ("VNW|pers|pron|nomin|vol|1|mv", "Case=Nom|Person=1|PronType=Prs")
WE = ("VNW|pers|pron|nomin|red|1|mv", "Case=Nom|Person=1|PronType=Prs")
ONS = ("VNW|bez|det|stan|vol|1|mv|prenom|zonder|evon", "Person=1|Poss=Yes|PronType=Prs")
ONZE = ("VNW|bez|det|stan|vol|1|mv|prenom|met-e|rest", "Person=1|Poss=Yes|PronType=Prs")

# third person singular subjects (by CGN tag) and the present tense forms that differ with "u"
SUBJECT_3SG = {"VNW|pers|pron|nomin|vol|3|ev|masc", "VNW|pers|pron|nomin|vol|3v|ev|fem",
               "VNW|pers|pron|stan|red|3|ev|fem"}
SUBJECT_3PL = {"VNW|pers|pron|nomin|vol|3p|mv": ("wij", WIJ), "VNW|pers|pron|stan|red|3|mv": ("we", WE)}
OBJECT_3SG = {"VNW|pers|pron|obl|vol|3|ev|masc", "VNW|pers|pron|obl|vol|3|getal|fem"}
POSSESSIVE_3SG = {"VNW|bez|det|stan|vol|3|ev|prenom|zonder|agr"}    # zijn, haar (before a noun)
POSSESSIVE_3PL = {"VNW|bez|det|stan|vol|3|mv|prenom|zonder|agr"}    # hun
U_FORMS = {"is": ["bent"], "kan": ["kunt"], "zal": ["zult"], "wil": ["wilt"], "heeft": ["heeft", "heeft", "hebt"]}
MET_T = "WW|pv|tgw|met-t"
SUBJECTS = ("nsubj", "nsubj:pass")


def _cased(new: str, old: str) -> str:
    return new[:1].upper() + new[1:] if old[:1].isupper() else new


def _finite_verbs(words: Sequence, head: int) -> list[int] | None:
    """Return the indices of the finite verbs the subject of `head` (0-based) agrees with: the head itself or
    its aux/cop, and the same for verbs coordinated with it that have no subject of their own. None if the
    clause has no finite verb (then we leave the sentence alone)."""
    heads = [head]
    for i, w in enumerate(words):
        if w.head == head + 1 and w.deprel == "conj" and w.upos in ("VERB", "AUX", "ADJ", "NOUN") \
                and not any(v.head == i + 1 and v.deprel in SUBJECTS for v in words):
            heads.append(i)
    finite = []
    for h in heads:
        candidates = [h] + [i for i, w in enumerate(words) if w.head == h + 1 and w.deprel in ("aux", "aux:pass", "cop")]
        finite += [i for i in candidates if "VerbForm=Fin" in words[i].feats]
    return finite or None


def to_letter(sentence, rng: random.Random):
    """Return a copy of `sentence` addressed to the reader, or None when no rule applies."""
    words = [replace(w) for w in sentence.words]
    if any(w.head is None for w in words):
        return None
    changed = False
    has_zich = any(w.lemma == "zich" for w in words)
    for i, w in enumerate(words):
        in_conj = w.deprel == "conj" or any(v.head == i + 1 and v.deprel == "conj" for v in words)
        if w.xpos in SUBJECT_3SG and w.deprel in SUBJECTS and not in_conj:
            verbs = _finite_verbs(words, w.head - 1) if w.head else None
            if not verbs:
                continue
            for v in verbs:
                verb = words[v]
                if "Tense=Pres" in verb.feats and verb.form.lower() in U_FORMS:
                    verb.form = _cased(rng.choice(U_FORMS[verb.form.lower()]), verb.form)
                    verb.xpos = MET_T
            w.form, w.lemma, (w.xpos, w.feats) = _cased("u", w.form), "u", U_NOM
            changed = True
        elif w.xpos in SUBJECT_3PL and w.deprel in SUBJECTS and not in_conj and not has_zich:
            new, (xpos, feats) = SUBJECT_3PL[w.xpos]
            w.form, w.lemma, w.xpos, w.feats = _cased(new, w.form), new, xpos, feats
            changed = True
        elif w.xpos in OBJECT_3SG:
            w.form, w.lemma, (w.xpos, w.feats) = _cased("u", w.form), "u", U_OBL
            changed = True
        elif w.xpos in POSSESSIVE_3SG and "Poss=Yes" in w.feats:
            w.form, w.lemma, (w.xpos, w.feats) = _cased("uw", w.form), "uw", UW
            changed = True
        elif w.xpos in POSSESSIVE_3PL and "Poss=Yes" in w.feats and w.head:
            noun = words[w.head - 1]
            neuter_singular = "Gender=Neut" in noun.feats and "Number=Sing" in noun.feats
            xpos, feats = ONS if neuter_singular else ONZE
            w.form, w.lemma, w.xpos, w.feats = _cased("ons" if neuter_singular else "onze", w.form), "ons", xpos, feats
            changed = True
    if not changed:
        return None
    return replace(sentence, sent_id=sentence.sent_id + ".letter", words=words)


def augment(sentences: Sequence, seed: int, share: float = 1.0) -> list:
    """Return letter-style copies of a seeded `share` of the sentences that a rule applies to."""
    rng = random.Random(seed)
    copies = []
    for sentence in sentences:
        copy = to_letter(sentence, rng)
        if copy is not None and rng.random() < share:
            copies.append(copy)
    return copies
