"""Numbers that the chapters state in their text («egne beregninger»),
recomputed from the data, so that the prose cannot drift from the tables."""

import pytest

from exercises.analysis import indicators as ind
from exercises.core.numbers import number, percent
from exercises.reports.analysis_report import groups


def test_related_variety_extremes_2019(real):
    related = real.variety(2019, groups(real)).related
    assert real.regions[related.idxmin()] == "Oslo"
    assert real.regions[related.idxmax()] == "Møre og Romsdal"


def test_health_is_specialised_in_most_county_years(real):
    present = sum(int((real.location_quotients(y)["helse_omsorg"] >= 1).sum()) for y in real.years)
    assert present == 143 and len(real.years) * len(real.regions) == 180


def test_oil_and_gas_value_added_fell_2014_to_2016(real):
    va = {y: real.national(y, "main", "value_added")["olje_gass"] / 1000 for y in (2014, 2016)}
    assert va[2014] == pytest.approx(610, abs=5) and va[2016] == pytest.approx(396, abs=5)


def test_value_added_per_employed_2019(real):
    va, e = real.national(2019, "main", "value_added"), real.national(2019, "main")
    per_person = va / e / 1000  # NOK million per thousand employed -> NOK million per person
    assert per_person["olje_gass"] == pytest.approx(8.8, abs=0.05)
    assert per_person["finans"] == pytest.approx(3.3, abs=0.05)
    assert va.sum() / e.sum() / 1000 == pytest.approx(1.1, abs=0.05)


def test_rogaland_above_six_in_both_oil_industries_2019(real):
    lq = real.location_quotients(2019).loc["11"]
    assert lq["olje_gass_utvinning"] > 6 and lq["olje_gass_tjenester"] > 6


def test_kystby_worked_examples(fjordland):
    E0, E1 = fjordland.matrix(2020), fjordland.matrix(2023)
    v = ind.variety(E1, groups(fjordland))
    assert (round(v.loc["F1", "unrelated"], 2), round(v.loc["F1", "related"], 2)) == (1.88, 1.39)
    assert v.related.idxmax() == "F2" and v.related.idxmin() == "F6"  # Fjorddal highest, Sletteby lowest
    assert v.unrelated.idxmin() == "F6"
    parts = ind.shift_share(E0, E1)
    assert parts["regional"].loc["F1", "ikt"] == pytest.approx(2.0)
    assert parts["change"].loc["F1", "ikt"] == 4


def test_public_administration_is_specialised_in_60_county_years(real):
    present = sum(int((real.location_quotients(y)["offentlig_adm"] >= 1).sum()) for y in real.years)
    assert present == 60


def test_sletteby_has_60_percent_in_ict_and_business_services(fjordland):
    share = ind.shares(fjordland.matrix(2023)).loc["F6"]
    assert share["ikt"] + share["forretning"] == pytest.approx(0.60)
    assert share["reiseliv"] == 0


def test_kystby_krugman_is_0_32(fjordland):
    assert ind.krugman_index(fjordland.matrix(2023))["F1"] == pytest.approx(0.32)


def test_quiz_lq_table_matches_the_data(real):
    from exercises.models.quiz import BY_KEY
    from exercises.models.specialisation import county_profile
    question = BY_KEY["lq_tabell"]
    profile = county_profile(real, "11", 2019).set_index("name")
    for name, employment, share, lq in question.table[1:]:
        row = profile.loc[name]
        assert number(row.employment, 1) == employment
        assert percent(row.share).replace("\u00a0", " ") == share
        assert number(row.lq, 2) == lq
    assert "2019" in question.source and "11713" in question.source
    assert number(profile.loc["Tjenester tilknyttet utvinning av råolje og naturgass"].lq, 2) in question.why
    oil = profile.loc[["Tjenester tilknyttet utvinning av råolje og naturgass", "Utvinning av råolje og naturgass"]]
    health = profile.loc["Helse- og omsorgstjenester"].employment
    assert round(1000 * oil.employment.sum()) == 29_800 and round(1000 * health) == 49_500
    assert "29 800" in question.wrong["c"] and "49 500" in question.wrong["c"] and "49 500" in question.wrong["a"]


def test_kystby_krugman_half_is_16_percent(fjordland):
    assert ind.krugman_index(fjordland.matrix(2023))["F1"] / 2 == pytest.approx(0.16)


def test_nordland_worked_reading_2019(real):
    from exercises.models.specialisation import MIN_SHARE, county_profile
    p = county_profile(real, "18", 2019)
    assert real.region_totals(2019)["18"] == pytest.approx(123.7)  # the published total the shares divide by
    assert p.index[0] == "fiske_havbruk"  # highest LQ
    assert (round(p.loc["fiske_havbruk", "lq"], 2), round(100 * p.loc["fiske_havbruk", "share"], 1)) == (4.99, 3.1)
    assert p.loc["fiske_havbruk", "employment"] == pytest.approx(3.8)
    assert (round(p.loc["bergverk", "lq"], 2), round(100 * p.loc["bergverk", "share"], 1)) == (4.44, 0.6)
    assert p.loc["bergverk", "employment"] == pytest.approx(0.7) and p.loc["bergverk", "share"] < MIN_SHARE
    assert p.employment.idxmax() == "helse_omsorg" and p.loc["helse_omsorg", "employment"] == pytest.approx(31.2)
    assert (round(100 * p.loc["helse_omsorg", "share"], 1), round(p.loc["helse_omsorg", "lq"], 2)) == (25.2, 1.20)
    k = real.specialisation(2019).krugman
    assert round(k["18"], 2) == 0.26 and list(k.sort_values(ascending=False).index).index("18") == 5  # sixth
    assert round(100 * k["18"] / 2) == 13
    assert set(real.hidden(2019, "18")) == {"transport", "post"}
    assert round(real.hidden_share(2019, "18") * real.region_totals(2019)["18"], 1) == 7.6
    # «ville alle de andre andelene blitt 6,5 prosent for høye» (fiske «5,22»: tests/data/test_data_import.py)
    assert round(100 * (123.7 / real.matrix(2019, "main").loc["18"].sum() - 1), 1) == 6.5
