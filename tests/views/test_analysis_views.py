"""The analysis widgets driven as a learner does: set values, click."""

import json

from exercises.core.numbers import number
from exercises.views.map_view import MapView
from exercises.views.niche_view import NicheView
from exercises.views.ranking_view import RankingView
from exercises.workbook.store import Workbook


def test_niche_view_end_to_end(real, workbook):
    workbook.put("spesialisering", {"county": "18", "picks": [{"industry": "ind_metaller", "reason": "a"}]})
    view = NicheView(real, Workbook(workbook.path))
    view.county.value = "18"
    assert view.strength.value == "ind_metaller"  # starts from the learner's first pick
    assert "Næringene nærmest «Produksjon av metaller»" in view.neighbours.value
    view.strength.value = "fiske_havbruk"
    assert "Næringene nærmest «Fiske, fangst og akvakultur»" in view.neighbours.value
    view.rows.picks[0].value, view.rows.reasons[0].value = "ikt", "Digitalisering av havbruket"
    view.button.click()
    assert "lagret i arbeidsboka" in view.feedback.value
    assert Workbook(workbook.path).value("nisjer")["niches"][0]["industry"] == "ikt"
    again = NicheView(real, Workbook(workbook.path), county="18")
    assert again.rows.picks[0].value == "ikt"


def test_niche_view_errors(real, workbook):
    view = NicheView(real, workbook, county="18")
    view.rows.picks[0].value = "ikt"
    view.button.click()
    assert "feltet er tomt" in view.feedback.value and not workbook.path.exists()


def test_ranking_view_end_to_end(real, workbook):
    workbook.put("profil", {"county": "46"})
    workbook.put("spesialisering", {"county": "46", "picks": [{"industry": "fiske_havbruk", "reason": "a"}]})
    view = RankingView(real, Workbook(workbook.path))
    assert view.county.value == "46" and view.strengths.value == ("fiske_havbruk",)
    assert view.scores["fou"].value is None  # nothing judged yet
    assert "Rangering av næringene i Vestland 2019" in view.table.value
    before = view.table.value
    view.weights["spesialisering"].value = 5
    assert view.table.value != before and "spesialisering 5" in view.table.value
    view.judged.value = "ikt"
    view.scores["fou"].value = 5
    view.score_button.click()
    view.moved.value, view.position.value, view.move_reason.value = "ikt", 1, "Sterke IT-miljøer i Bergen"
    view.move_button.click()
    assert "Flyttet fra plass" in view.table.value
    view.niches.value = ("ind_verft_transportmidler",)
    view.button.click()
    assert "er lagret i arbeidsboka" in view.feedback.value
    saved = Workbook(workbook.path).value("analyse")
    assert saved["ranking"][0]["industry"] == "ikt" and saved["scores"] == {"fou": {"ikt": 5}}
    assert saved["weights"]["spesialisering"] == 5
    again = RankingView(real, Workbook(workbook.path))
    assert again.weights["spesialisering"].value == 5 and again.niches.value == ("ind_verft_transportmidler",)


def test_ranking_view_errors_are_shown(fjordland, workbook):
    view = RankingView(fjordland, workbook, county="F1")
    view.moved.value, view.move_reason.value = "ikt", ""
    view.move_button.click()
    assert "feltet er tomt" in view.feedback.value
    for slider in view.weights.values():
        slider.value = 0
    assert "Minst ett kriterium" in view.feedback.value
    view.weights["masse"].value = 1
    view.button.click()
    assert "Marker minst én næring som styrke" in view.feedback.value
    assert not workbook.path.exists()


def test_ranking_view_show_all(fjordland, workbook):
    view = RankingView(fjordland, workbook, county="F1")
    assert view.table.value.count("<tr>") == 1 + 12  # header + all 12 (fewer than 15)
    view.show_all.value = True
    assert view.table.value.count("<tr>") == 13


def test_map_view(real, fjordland):
    view = MapView(real)
    assert 'alt="Kart over fylkene' in view.map.value and "Kartverket" in view.map.value
    view.indicator.value = "lq"
    view.industry.value = "fiske_havbruk"
    assert "Nordland 4,99" in view.map.value and not view.industry.disabled
    fiction = MapView(fjordland)
    assert "stolpediagram" in fiction.map.value and "Fiktive" in fiction.map.value
    json.dumps(fiction.map.value)


def test_proximity_heatmap_names_the_closest_pairs(real):
    from exercises.models.niches import NicheExercise
    from exercises.reports.analysis_report import proximity_heatmap

    html = proximity_heatmap(NicheExercise(real, "18"))
    assert 'alt="Varmekart over nærheten φ mellom 8 næringer i Nordland' in html
    phi = number(real.proximity.loc["bergverk", "ind_metaller"], 2)
    assert f"Nærmeste par: Bergverksdrift og Produksjon av metaller ({phi})" in html
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 11713" in html
