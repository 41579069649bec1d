"""Exercise «Finn fylkets spesialiseringer»: the model with right, wrong,
empty, too long and malformed answers, on Fjordland and on real data."""

import pytest

from exercises.core.errors import InputError
from exercises.models.specialisation import MAX_REASON, SpecialisationExercise
from exercises.workbook.store import Workbook

RIGHT = [("sjomat", "Foredling av fisk fra egne farvann"), ("fiske", "Havbruk og kystfiske"),
         ("verft", "Verft som leverer til fiskeflåten")]


@pytest.fixture
def kystby(fjordland):
    return SpecialisationExercise(fjordland, "F1")


def test_profile_is_sorted_by_lq_with_hand_values(kystby):
    p = kystby.profile
    assert list(p.index[:3]) == ["sjomat", "fiske", "verft"]
    assert p.loc["fiske", "lq"] == pytest.approx(2.0)
    assert p.loc["fiske", "share"] == pytest.approx(0.10)
    assert p.loc["fiske", "national_share"] == pytest.approx(0.05)


def test_right_answer_is_supported_by_the_data(kystby):
    result = kystby.check(RIGHT)
    assert result.ok
    assert "LQ 2,40" in result.notes[0] and "støtter valget" in result.notes[0]
    assert result.notes[-1] == "3 av dine 3 valg har LQ over 1 i 2023."
    assert not any("ikke tatt med" in n for n in result.notes)


def test_pick_below_one_and_clear_strength_left_out(kystby):
    result = kystby.check([("helse", "Sykehuset er stor arbeidsgiver"), ("fiske", "Kystfiske"),
                           ("ikt", "Et voksende IT-miljø")])
    assert result.ok
    assert "LQ 0,95" in result.notes[0] and "mindre andel enn i landet" in result.notes[0]
    left_out = [n for n in result.notes if "ikke tatt med" in n]
    assert len(left_out) == 1  # said once, as a list: Sjømatindustri (2,40) and Verft (1,50)
    assert "«Sjømatindustri» (LQ 2,40" in left_out[0] and "«Verft og maritim industri» (LQ 1,50" in left_out[0]
    assert left_out[0].index("Sjømatindustri") < left_out[0].index("Verft")
    assert result.notes[-1].startswith("2 av dine 3 valg")


def test_industry_may_be_given_by_name(kystby):
    assert kystby.check([("Sjømatindustri", "a"), ("Fiske og havbruk", "b"), ("Reiseliv", "c")]).ok


def test_empty_answer(kystby):
    result = kystby.check([("", "")] * 5)
    assert not result.ok
    assert result.errors == ["Velg mellom 3 og 5 næringer (du har fylt ut 0)."]


@pytest.mark.parametrize("rows,message", [
    (RIGHT[:2], "du har fylt ut 2"),
    (RIGHT + [("ikt", "a"), ("reiseliv", "b"), ("helse", "c")], "du har fylt ut 6"),
    (RIGHT + [("fiske", "igjen")], "valgt to ganger"),
    (RIGHT + [("gruvedrift", "finnes ikke")], "ikke en næring i tabellen"),
    (RIGHT + [("", "en begrunnelse uten næring")], "Velg en næring"),
    (RIGHT + [("ikt", "   ")], "feltet er tomt"),
    (RIGHT + [("ikt", "x" * (MAX_REASON + 1))], f"høyst {MAX_REASON}"),
    (RIGHT + [("ikt", 42)], "skriv tekst"),
    (RIGHT + ["ikt"], "oppgi en næring og en begrunnelse"),
])
def test_wrong_answers_get_a_message_saying_what_to_do(kystby, rows, message):
    result = kystby.check(rows)
    assert not result.ok
    assert any(message in e for e in result.errors), result.errors


def test_answer_of_the_wrong_type(kystby):
    result = kystby.check("fiske, sjømat")
    assert result.errors == ["Valgene må være en liste med (næring, begrunnelse)."]


@pytest.mark.parametrize("county", ["F9", "", None, 46, "Atlantis"])
def test_unknown_county(fjordland, county):
    with pytest.raises(InputError, match="(?i)fylke"):
        SpecialisationExercise(fjordland, county)


def test_county_by_name(fjordland):
    assert SpecialisationExercise(fjordland, "Kystby").county == "F1"
    assert SpecialisationExercise(fjordland, "F1 Kystby").county == "F1"


def test_save_writes_the_workbook_and_reads_back(kystby, workbook):
    result = kystby.save(workbook, RIGHT)
    assert result.ok and "lagret" in result.saved
    stored = Workbook(workbook.path).value("spesialisering")
    assert stored["county"] == "F1" and stored["year"] == 2023
    assert [p["industry"] for p in stored["picks"]] == ["sjomat", "fiske", "verft"]
    assert stored["picks"][0] == {"industry": "sjomat", "name": "Sjømatindustri", "lq": 2.4,
                                  "reason": "Foredling av fisk fra egne farvann"}
    assert [p.industry for p in kystby.saved(Workbook(workbook.path))] == ["sjomat", "fiske", "verft"]


def test_invalid_answer_is_not_saved(kystby, workbook):
    kystby.save(workbook, RIGHT)
    before = workbook.path.read_bytes()
    assert not kystby.save(workbook, RIGHT[:1]).ok
    assert workbook.path.read_bytes() == before


def test_saved_picks_belong_to_their_county(fjordland, kystby, workbook):
    kystby.save(workbook, RIGHT)
    assert SpecialisationExercise(fjordland, "F2").saved(workbook) == []


def test_real_county_rogaland(real, workbook):
    exercise = SpecialisationExercise(real, "Rogaland")
    assert exercise.year == 2019
    assert exercise.profile.index[0] in {"olje_gass_utvinning", "olje_gass_tjenester"}
    rows = [("olje_gass_tjenester", "Leverandørindustrien"), ("olje_gass_utvinning", "Stavanger"),
            ("jordbruk_skogbruk", "Jæren")]
    result = exercise.save(workbook, rows)
    assert result.ok
    assert "3 av dine 3 valg har LQ over 1 i 2019." in result.notes


def test_suppressed_cell_is_explained(real):
    exercise = SpecialisationExercise(real, "42")  # construction is suppressed for Agder in 2019
    rows = [("bygg_anlegg", "Mange byggefirma"), ("ind_metaller", "Smelteverk"), ("energi", "Kraft")]
    assert any("skjult eller mangler" in n for n in exercise.check(rows).notes)


def test_high_lq_in_a_tiny_industry_is_not_called_supported(real):
    from exercises.models.specialisation import MIN_SHARE, SpecialisationExercise
    for county in real.regions:
        exercise = SpecialisationExercise(real, county, 2019)
        p = exercise.profile
        tiny = p[(p.lq >= 1) & (p.share < MIN_SHARE)]
        big = p[(p.lq >= 1) & (p.share >= MIN_SHARE)]
        if len(tiny) and len(big) >= 2:
            break
    else:
        pytest.fail("no county with a tiny specialised industry")
    result = exercise.check([(tiny.index[0], "a"), (big.index[0], "b"), (big.index[1], "c")])
    assert "én bedrift gi høy LQ" in result.notes[0] and "støtter valget" not in result.notes[0]
    assert "støtter valget" in result.notes[1] and "støtter valget" in result.notes[2]
