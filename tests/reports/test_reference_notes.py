"""One national reference, said under every table and figure of shares or
LQs, and a hidden cell shown as hidden, never as a number."""

import re

import pytest

from exercises.data.dataset import COUNTIES_REFERENCE, SUM_REFERENCE
from exercises.models.niches import NicheExercise
from exercises.models.ranking import RankingExercise, RankingState
from exercises.reports import analysis_report as ar
from exercises.reports import region_report as rr


def shown_with_shares(dataset, county: str) -> dict[str, str]:
    """Every table and figure of the chapters that shows shares or LQs."""
    year = dataset.years[-1]
    niches = NicheExercise(dataset, county)
    ranking = RankingExercise(dataset, county)
    state = RankingState()
    shown = {
        "profile_table": rr.profile_table(dataset, county, year),
        "profile_chart": rr.profile_chart(dataset, county, year),
        "region_summary": rr.region_summary(dataset, year),
        "employment_matrix": rr.employment_matrix(dataset, year),
        "variety_table": ar.variety_table(dataset, year),
        "neighbours_table": ar.neighbours_table(niches, niches.table.index[0]),
        "quadrant_figure": ar.quadrant_figure(niches),
        "quadrant_table": ar.quadrant_table(niches, "Mulighet nær styrkene"),
        "profile_vs_nation": ar.profile_vs_nation(dataset, county, year),
        "map_lq": ar.map_figure(dataset, "lq", year, niches.table.index[0]),
        "map_krugman": ar.map_figure(dataset, "krugman", year),
        "ranking_table": ar.ranking_table(ranking, ranking.ranked(state), state),
    }
    return shown


@pytest.mark.parametrize("which", ["real", "fjordland"])
def test_every_table_and_figure_of_shares_names_its_reference(which, request):
    dataset = request.getfixturevalue(which)
    county = "18" if which == "real" else "F1"
    reference = COUNTIES_REFERENCE if which == "real" else SUM_REFERENCE
    for name, html in shown_with_shares(dataset, county).items():
        assert reference in html, name
        assert (COUNTIES_REFERENCE in html) == (which == "real"), name  # never the other one


def test_hidden_cells_read_hidden_and_are_named_under_the_table(real):
    table = rr.profile_table(real, "18", 2019)
    rows = re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", table)
    transport = dict(rows)["Transport utenom utenriks sjøfart"]
    assert transport.count("skjult av SSB") == 3 and "0,0" not in transport  # never a 0
    assert "Skjult av SSB i Nordland 2019: Post og distribusjonsvirksomhet; Transport utenom utenriks sjøfart" in table
    pipes = dict(rows)["Rørtransport"]  # published as 0: not hidden, and its LQ is undefined
    assert "skjult" not in pipes and "<td>–</td>" in pipes
    summary = rr.region_summary(real, 2019)
    assert "Skjult av SSB i Agder 2019 (i hele fylket eller i ett av fylkene det ble laget av)" in summary
    assert "andre fylker er noen små næringer skjult av SSB (under 0,5 % av sysselsettingen)" in summary


def test_the_employment_table_shows_the_published_total_beside_the_groups(real):
    table = rr.employment_matrix(real, 2019, "main")
    nordland = dict(re.findall(r"<tr><th scope=\"row\">([^<]+)</th>(.*?)</tr>", table))["Nordland"]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", nordland)
    assert cells[-1] == "124" and cells.count("skjult av SSB") == 2  # 123,7 thousand, shown without decimals
