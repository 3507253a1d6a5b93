"""Lexicon round 4: swaps that are right only in some contexts, applied there by default (issue 10).

Every sentence here is made up for this test (none comes from the development pairs). WORDS_ONLY leaves the
structural edits out, so each row shows the word swaps alone; each row was read by hand.

* "dienen te" + infinitive → "moeten" + infinitive without "te", a separable verb joined ("in te vullen" →
  "invullen"); not where "te" hangs on another clause or a second "te" would stay.
* "echter" → "maar" moved to the front of the first clause of its sentence.
* "noodzakelijk" → "nodig" only after a copula; "diverse" → "verschillende" only before a plural noun.
* "dan wel" → "of" only between two words of the same kind.
* An expression that narrows a verb by its object: "woningen realiseren" → "bouwen", "doel realiseren" →
  "bereiken", only where the parse makes the noun the verb's object or subject.
* Narrow expressions where the broad one shifts meaning: "gedurende de/het/…", "omtrent de/het/…",
  "informatie met betrekking tot", "na/bij/de beëindiging van", "als/zoals bedoeld in", "er is sprake van"
  (not "er is sprake van dat": there is talk that).
"""

from __future__ import annotations

import pytest

import eenvoudig
from eenvoudig.lexicon import find_matches, load_lexicon
from eenvoudig.rewriting import rewrite

from test_lexicon5 import CHANGED5, KEPT5, WORDS_ONLY, _default   # the round-5 rows and the shared helper
from test_lexicon6 import CHANGED6, KEPT6                        # the round-6 rows


CHANGED = [
    ('U dient het formulier voor 1 maart in te vullen.',
     'U moet het formulier voor 1 maart invullen.'),
    ('Dient u het bedrag binnen zes weken te betalen?',
     'Moet u het bedrag binnen zes weken betalen?'),
    ('De aanvrager dient zich binnen twee weken te melden bij het loket.',
     'De aanvrager moet zich binnen twee weken melden bij het loket.'),
    ('Wij vragen u het bedrag terug te betalen, omdat u het geld dient terug te betalen.',
     'Wij vragen u het bedrag terug te betalen, omdat u het geld moet terugbetalen.'),
    ('Wij dienden het bezwaar op tijd te behandelen.',
     'Wij moesten het bezwaar op tijd behandelen.'),
    ('Het college zal dienen te beslissen over uw aanvraag.',
     'Het college zal moeten beslissen over uw aanvraag.'),
    ('Dit is echter niet mogelijk.',
     'Maar dit is niet mogelijk.'),
    ('Als u echter niet op tijd betaalt, krijgt u een boete.',
     'Maar als u niet op tijd betaalt, krijgt u een boete.'),
    ('De gemeente heeft echter geen plek meer.',
     'Maar de gemeente heeft geen plek meer.'),
    ('Echter, u moet wel op tijd betalen.',
     'Maar u moet wel op tijd betalen.'),
    ('Het is noodzakelijk dat u het formulier tekent.',
     'Het is nodig dat u het formulier tekent.'),
    ('Wanneer de kosten noodzakelijk zijn, betalen wij ze.',
     'Wanneer de kosten nodig zijn, betalen wij ze.'),
    ('Er zijn diverse activiteiten in de wijk.',
     'Er zijn verschillende activiteiten in de wijk.'),
    ('Wij organiseren diverse nieuwe activiteiten.',
     'Wij organiseren verschillende nieuwe activiteiten.'),
    ('Onze ambitie is om in 2030 klaar te zijn.',
     'Ons doel is om in 2030 klaar te zijn.'),
    ('Het plan heeft hoge ambities.',
     'Het plan heeft hoge doelen.'),
    ('Gedurende de zomer is het loket gesloten.',
     'Tijdens de zomer is het loket gesloten.'),
    ('Gedurende de tijd dat u ziek bent, krijgt u geld.',
     'In de tijd dat u ziek bent, krijgt u geld.'),
    ('Wij sturen u informatie omtrent het beleid.',
     'Wij sturen u informatie over het beleid.'),
    ('U krijgt een brief met informatie met betrekking tot uw uitkering.',
     'U krijgt een brief met informatie over uw uitkering.'),
    ('Wij sturen u het besluit ten aanzien van uw aanvraag.',
     'Wij sturen u het besluit over uw aanvraag.'),
    ('Na beëindiging van uw contract krijgt u een brief.',
     'Na het einde van uw contract krijgt u een brief.'),
    ('De beëindiging van uw uitkering gaat in op 1 mei.',
     'Het einde van uw uitkering gaat in op 1 mei.'),
    ('U moet tijdig betalen.',
     'U moet op tijd betalen.'),
    ('Medio mei krijgt u bericht.',
     'Midden mei krijgt u bericht.'),
    ('Wij leggen de wijze waarop wij werken uit.',
     'Wij leggen de manier waarop wij werken uit.'),
    ('De aanvrager dan wel zijn partner tekent het formulier.',
     'De aanvrager of zijn partner tekent het formulier.'),
    ('U kunt het formulier schriftelijk dan wel digitaal indienen.',
     'U kunt het formulier schriftelijk of digitaal indienen.'),
    ('Dit geldt voor een woning als bedoeld in artikel 3.',
     'Dit geldt voor een woning zoals genoemd in artikel 3.'),
    ('Dit is een klacht in de zin van de wet.',
     'Dit is een klacht volgens de wet.'),
    ('Indien noodzakelijk nemen wij contact met u op.',
     'Als het nodig is nemen wij contact met u op.'),
    ('De plicht vervalt niet door beëindiging van het lidmaatschap van de raad.',
     'De plicht vervalt niet door het einde van het lidmaatschap van de raad.'),
    ('Medio voorjaar 2027 krijgt u bericht.',
     'Midden voorjaar 2027 krijgt u bericht.'),
    ('De regels zijn omschreven in de bijlage.',
     'De regels zijn beschreven in de bijlage.'),
    ('Wij betalen de kosten wanneer deze noodzakelijk zijn.',
     'Wij betalen de kosten wanneer deze nodig zijn.'),
    ('Er worden in de wijk 200 woningen gerealiseerd.',
     'Er worden in de wijk 200 woningen gebouwd.'),
    ('Om dit doel te realiseren, werken wij samen.',
     'Om dit doel te bereiken, werken wij samen.'),
    ('Er is sprake van een fout in uw aanslag.',
     'Er is een fout in uw aanslag.'),
    ('Is er sprake van overlast, bel dan de wijkagent.',
     'Is er overlast, bel dan de wijkagent.'),
    ('Na nader overleg hebben wij besloten uw aanvraag toe te kennen.',
     'Na verder overleg hebben wij besloten uw aanvraag toe te kennen.'),
    ('U leest de regels zoals opgenomen in de bijlage.',
     'U leest de regels zoals beschreven in de bijlage.'),
    ('De bedragen staan opgenomen in de tabel.',
     'De bedragen staan in de tabel.'),
    ('De corporatie realiseert in 2028 veertig huurwoningen.',
     'De corporatie bouwt in 2028 veertig huurwoningen.'),
]


@pytest.mark.parametrize(("text", "after"), CHANGED + CHANGED5 + CHANGED6)
def test_default_rewrite_applies_the_swap_where_it_is_right(text: str, after: str) -> None:
    assert _default(text) == after
    assert _default(after) == after   # nothing left to swap: a second rewrite changes nothing


# Traps: the hard word stays (it is still flagged), because the swap would be wrong here.
KEPT = [
    'U dient er rekening mee te houden dat de kosten stijgen.',
    'U dient het formulier in te vullen en op te sturen.',
    'Dit formulier dient als bewijs om aan te tonen dat u hier woont.',
    'U kunt bellen, u moet echter eerst een afspraak maken.',
    'De regels die echter gelden zijn streng.',
    'Wij vergoeden de noodzakelijke kosten.',
    'Dit is niet noodzakelijk slecht.',
    'Het is een diverse groep mensen.',
    'De wijk is divers.',
    'Daarnaast is het de ambitie om meer woningen te bouwen.',
    'Zij werkt met ambitie aan het plan.',
    'Gedurende drie maanden krijgt u een uitkering.',
    'Wij hebben besloten tot beëindiging van uw uitkering.',
    'U moet dan wel bellen.',
    'U krijgt het geld dan wel later.',
    'Wij maken afspraken met betrekking tot de ondersteuner over de kosten.',
    'Dit is werk in de zin van betaald werk.',
    'Amsterdam heeft echter geen plek meer.',
    'Wij realiseren een park naast de woningen.',
    'Wij realiseren ons dat de woningen duur zijn.',
    'Er is sprake van dat de bibliotheek sluit.',
]


@pytest.mark.parametrize("text", KEPT + KEPT5 + KEPT6)
def test_default_rewrite_leaves_the_trap_alone(text: str) -> None:
    assert _default(text) == text
    analysis = eenvoudig.analyze(eenvoudig.read_text(text))
    lex = load_lexicon()
    assert any(find_matches(lex, s.tokens) for s in analysis.sentences)   # still flagged for a person


def test_unsafe_does_not_apply_the_traps_either() -> None:
    # the guards are grammar and meaning checks, not levels: --unsafe leaves these alone too
    for text in ("Wij vergoeden de noodzakelijke kosten.", "Het is een diverse groep mensen.",
                 "U moet dan wel bellen.", "U dient het formulier in te vullen en op te sturen."):
        result = rewrite(eenvoudig.analyze(eenvoudig.read_text(text)), WORDS_ONLY, unsafe=True)
        assert result.text == text


def test_the_narrow_entries_are_shipped_at_their_level() -> None:
    lex = load_lexicon()
    level = {k: "ja" if e.veilig else "nooit" if e.suggest_only else "nee" for k, e in lex.entries.items()}
    assert [level[k] for k in ("gedurende", "gedurende de", "gedurende de duur van", "omtrent", "omtrent het",
                               "met betrekking tot", "informatie met betrekking tot", "beëindiging",
                               "na beëindiging van", "tot beëindiging van", "dienen te", "echter", "dan wel")] == [
        "nooit", "ja", "nooit", "nooit", "ja", "nooit", "ja", "nooit", "ja", "nooit", "ja", "ja", "ja"]
