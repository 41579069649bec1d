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
    assert "feltet er tomt" in view.move_feedback.value  # next to «Flytt», not under «Sjekk og lagre»
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


def test_ranking_view_answers_next_to_each_button_and_lists_the_ratings(fjordland, workbook):
    view = RankingView(fjordland, workbook, county="F1")
    assert "kurs-svar" in view.score_feedback._dom_classes and "kurs-svar" in view.move_feedback._dom_classes
    view.score_button.click()  # nothing chosen
    assert "ikke valgt noen vurdering" in view.score_feedback.value and view.feedback.value == ""
    view.judged.value = "ikt"
    view.scores["fou"].value = 3
    view.score_button.click()
    said = view.score_feedback.value
    assert "3/5 på Forsknings- og utdanningsmiljø" in said and "plass" in said
    assert "IKT" in view.ratings.value or "ikt" in view.ratings.value.lower()
    assert "Forsknings- og utdanningsmiljø: 3/5" in view.ratings.value
    assert "kurs-ulagret" in view.widget._dom_classes  # a rating is a change not yet saved
    view.moved.value, view.position.value, view.move_reason.value = "ikt", 1, "Vi vet mer enn tallene."
    view.move_button.click()
    assert "er flyttet fra plass" in view.move_feedback.value and "til plass 1" in view.move_feedback.value


def test_ranking_marks_are_check_boxes_and_one_click_changes_one_choice(fjordland, workbook):
    view = RankingView(fjordland, workbook, county="F1")
    boxes = view.strengths.boxes.children
    boxes[0].value = True
    boxes[1].value = True
    boxes[2].value = True
    assert len(view.strengths.value) == 3
    view.weights["masse"].value = 2
    view.button.click()
    assert "er lagret" in view.feedback.value
    boxes[3].value = True  # one more: the three stay chosen
    assert len(view.strengths.value) == 4
    boxes[0].value = False
    said = view.strengths.summary.value
    assert "Tatt bort, men ikke lagret ennå" in said and boxes[0].description in said
    assert all(boxes[i].description in said for i in (1, 2, 3))
