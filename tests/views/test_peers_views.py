"""The views of issue 24 driven as a learner or teacher does (set values,
click buttons): peer counties, municipalities like one another, strengths
over time, the strand of the helix in «Velkommen», the per-strand agreement
in the file-based merge, and the ranking's feedback on entries and exits."""

from exercises.data.counties import COUNTIES_2024
from exercises.views.merge_view import MergeView
from exercises.views.peers_view import MunicipalPeersView, PeersView, TrendsView
from exercises.views.profile_view import ProfileView
from exercises.views.ranking_view import RankingView
from exercises.workbook.store import Workbook


def test_peers_view_follows_county_year_and_peer(fjordland, workbook):
    view = PeersView(fjordland, workbook, county="F1")
    assert "Regionene som ligner mest på Kystby i næringsstruktur, 2023" in view.table.value
    assert view.peer.value == "F2" and [label for label, _ in view.peer.options][:2] == ["Fjorddal", "Øyrike"]
    assert "Næringer Fjorddal er spesialisert i (LQ minst 1), men ikke Kystby" in view.gaps.value
    assert "Helse og omsorg" in view.gaps.value and 'class="kilde fiktiv"' in view.gaps.value
    view.peer.value = "F4"
    assert "Næringer Øyrike er spesialisert i" in view.gaps.value
    view.year.value = 2020
    assert "i næringsstruktur, 2020" in view.table.value and view.peer.value == "F4"  # still a peer: kept
    view.county.value = "F6"
    assert "ligner mest på Sletteby" in view.table.value and view.peer.value in dict(map(reversed, view.peer.options))
    assert "Slik leser du tabellene for Sletteby" in view.reading.value


def test_peers_view_starts_at_the_learners_county(real, workbook):
    workbook.put("profil", {"county": "18", "county_name": "Nordland", "role": "Annet"})
    view = PeersView(real, Workbook(workbook.path))
    assert view.county.value == "18" and view.peer.value == "55"  # Troms
    assert "Fylkene som ligner mest på Nordland i næringsstruktur, 2019" in view.table.value
    assert "Skjult av SSB i Nordland 2019" in view.table.value
    view.peer.value = "34"
    assert "Mulighet nær styrkene" in view.gaps.value
    assert "Ikke med fordi tallet for Nordland er skjult av SSB" in view.gaps.value


def test_trends_view_sorts_and_filters(real, workbook):
    view = TrendsView(real, workbook, county="18")
    assert "Trykking og reproduksjon av innspilte opptak (2012 og 2015)" in view.reading.value
    assert "Spesialiseringer som kom og gikk i Nordland 2008–2019" in view.events.value
    table = view.table.value
    assert table.count('<svg class="kurs-spark" role="img" aria-label="LQ for ') == len(real.industries()) - 2
    assert "<td>1,17*</td>" in table  # textiles 2018: the reference is estimated, the year not compared
    assert table.count('<td class="mangler">skjult av SSB</td>') >= 2
    view.sort.value = "name"
    assert view.table.value.index("Bergverksdrift") < view.table.value.index("Undervisning")
    rows = view.table.value.count("<tr>")
    view.specialised_only.value = True
    assert view.table.value.count("<tr>") < rows and "Informasjon og kommunikasjon" not in view.table.value
    view.county.value = "03"
    assert "Lokaliseringskvotient (LQ) år for år, Oslo 2008–2019" in view.table.value
    assert "Informasjon og kommunikasjon" in view.table.value  # Oslo's, and still filtered


def test_municipal_peers_view_says_which_municipalities_are_compared():
    view = MunicipalPeersView("40")
    assert view.municipality.value == "4001"
    assert "Kommunene som ligner mest på Porsgrunn" in view.output.value
    assert "Dataene har bare kommunene i Telemark (17 kommuner)" in view.output.value
    view.municipality.value = "4020"
    assert "ligner mest på Midt-Telemark" in view.output.value
    elsewhere = MunicipalPeersView("18")  # Nordland: no municipalities in the shipped data, the first one shown
    assert elsewhere.municipality.value == sorted(dict(elsewhere.municipality.options).values())[0]


def test_the_profile_saves_the_strand_of_the_helix_only_when_stated(workbook):
    view = ProfileView(COUNTIES_2024, workbook)
    assert view.helix.value == ""
    view.county.value, view.role.value, view.helix.value = "18", "Deltaker på workshop", "naeringsliv"
    view.button.click()
    assert "Lagret: 18 Nordland, deltaker på workshop (næringsliv)." in view.feedback.value
    assert Workbook(workbook.path).value("profil")["helix"] == "naeringsliv"
    assert ProfileView(COUNTIES_2024, Workbook(workbook.path)).helix.value == "naeringsliv"
    view.helix.value = ""
    view.button.click()
    assert "helix" not in Workbook(workbook.path).value("profil")


def save(folder, name: str, helix: str, order: list[str]) -> None:
    book = Workbook(folder / f"{name}.json")
    book.put("profil", {"county": "18", "county_name": "Nordland", "role": "Deltaker på workshop", "helix": helix})
    book.put("analyse", {"county": "18", "year": 2019, "strengths": [{"industry": "x", "name": order[0]}],
                         "ranking": [{"industry": f"i{n}", "name": industry, "rank": n}
                                     for n, industry in enumerate(order, start=1)]})


def test_the_file_based_merge_shows_where_the_strands_disagree(tmp_path, workbook):
    folder = tmp_path / "deltakere"
    folder.mkdir()
    for n in range(4):
        save(folder, f"bedrift{n}", "naeringsliv", ["Havbruk", "Reiseliv", "IKT"])
    save(folder, "forsker", "kunnskap", ["IKT", "Reiseliv", "Havbruk"])
    view = MergeView(workbook)
    view.folder.value = str(folder)
    view.button.click()
    summary = view.summary.value
    assert "Styrker gruppen valgte" in summary and "Hvor er rollene uenige?" in summary
    assert "W = 1,00: svært sterk enighet (4 rangeringer)." in summary
    assert "Næringslivet rangerer Havbruk høyere enn forskning og utdanning gjør: snittplass 1,00 mot 3,00" in summary
    assert "Forskning og utdanning (liten gruppe)" in summary


def test_the_ranking_feedback_names_a_lost_specialisation(real, workbook):
    view = RankingView(real, workbook, county="11")
    view.strengths.value = ("overnatting_servering",)
    view.button.click()
    assert "«Overnattings- og serveringsvirksomhet» var en spesialisering, men LQ falt fra 1,16 i 2009" in view.feedback.value
