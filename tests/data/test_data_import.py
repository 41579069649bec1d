"""The import of SSB table 11713 from the mirror, checked against the known
values in the mirror's README and against the source's own totals."""

import pandas as pd
import pytest

from exercises.core import paths
from exercises.data import data_import
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import DataMissing, load_course_data, load_real_data

EMPLOYMENT = "sysselsatte_1000_personer"

# The mirror README's known values, 2019: (county, main group, LQ against the counties (A), against «Hele landet» (B))
KNOWN_2019 = [
    ("18", "fiske_havbruk", 4.99, 4.76),
    ("11", "olje_gass", 7.13, 5.72),
    ("15", "industri", 2.05, None),
    ("03", "ikt", 2.52, None),
]


def by_hand(mirror, year: int, county: str, industry_name: str) -> tuple[float, float, float]:
    """LQ from the mirror's rows alone: the county's cell over its published
    «Totalt for næringer», against the counties' published cells over their
    published totals (A) and against «Hele landet» (B); and the inflated LQ
    that divides by the sum of the published main groups instead."""
    raw = pd.read_csv(mirror / data_import.MIRROR_FILE, dtype={"region_code": str, "county2024_code_approx": str})
    rows = raw[(raw.year == year) & (raw.region_code != "0")]
    rows = rows[rows.groupby("region_code")[EMPLOYMENT].transform(lambda v: v.notna().any())]  # existed that year
    mine = rows[rows.county2024_code_approx.str.zfill(2) == county]
    total = rows[rows.naering == data_import.TOTAL][EMPLOYMENT]
    cell = mine[mine.naering == industry_name][EMPLOYMENT].sum()
    county_total = mine[mine.naering == data_import.TOTAL][EMPLOYMENT].sum()
    share = cell / county_total
    a = share / (rows[rows.naering == industry_name][EMPLOYMENT].sum() / total.sum())
    nation = raw[(raw.year == year) & (raw.region_code == "0")].set_index("naering")[EMPLOYMENT]
    b = share / (nation[industry_name] / nation[data_import.TOTAL])
    mains = set(data_import.industry_metadata().query("level == '0'").industry_name)
    main_rows = rows[rows.naering.isin(mains)]
    inflated = (cell / mine[mine.naering.isin(mains)][EMPLOYMENT].sum()) / (
        main_rows[main_rows.naering == industry_name][EMPLOYMENT].sum() / main_rows[EMPLOYMENT].sum())
    return a, b, inflated


@pytest.mark.parametrize("county,industry,known_a,known_b", KNOWN_2019)
def test_known_location_quotients_against_published_totals(real, mirror, county, industry, known_a, known_b):
    name = real.industries("main")[industry]
    a, b, _ = by_hand(mirror, 2019, county, name)
    assert round(a, 2) == known_a and (known_b is None or round(b, 2) == known_b)
    for level in ("main", "detailed"):
        if industry in real.industries(level):
            assert real.location_quotients(2019, level).loc[county, industry] == pytest.approx(a, abs=1e-9)


@pytest.mark.parametrize("county,industry", [("18", "industri"), ("32", "varehandel"), ("42", "helse_omsorg"),
                                             ("40", "energi"), ("56", "fiske_havbruk"), ("46", "utenriks_sjofart")])
def test_every_share_divides_by_the_published_total(real, mirror, county, industry):
    a, _, inflated = by_hand(mirror, 2019, county, real.industries("main")[industry])
    assert real.location_quotients(2019, "main").loc[county, industry] == pytest.approx(a, abs=1e-9)
    shares, _ = real.shares(2019, "main")
    cell = real.matrix(2019, "main").loc[county, industry]
    assert shares.loc[county, industry] == pytest.approx(cell / real.region_totals(2019)[county])
    if county in ("18", "32", "40", "42"):  # SSB hides large cells there in 2019
        assert inflated > a * 1.02


def test_nordland_fishing_2019_before_and_after(real, mirror):
    a, b, inflated = by_hand(mirror, 2019, "18", "Fiske, fangst og akvakultur")
    assert (round(a, 2), round(b, 2)) == (4.99, 4.76) and inflated == pytest.approx(5.22, abs=0.03)  # README: ≈ 5.22
    assert real.region_totals(2019)["18"] == pytest.approx(123.7)
    assert real.matrix(2019, "main").loc["18"].sum() == pytest.approx(116.1)
    assert set(real.hidden(2019, "18")) == {"transport", "post"}
    assert "Transport utenom utenriks sjøfart" in real.hidden_note(2019, "18")
    assert "7,6 tusen sysselsatte" in real.hidden_note(2019, "18")


def test_all_15_counties_of_2024_every_year(real):
    assert real.regions == dict(sorted(COUNTIES_2024.items()))
    assert real.years == list(range(2008, 2020))
    for year in real.years:
        total = real.matrix(year, "main").sum(axis=1)
        assert (total > 0).all(), year  # Trøndelag included before and after 2018


def test_trondelag_joins_its_two_old_counties(real, mirror):
    raw = pd.read_csv(mirror / data_import.MIRROR_FILE, dtype={"region_code": str})
    industry = raw[(raw.naering == "Industri") & (raw.year == 2017) & raw.region_code.isin(["16", "17"])]
    assert real.matrix(2017, "main").loc["50", "industri"] == pytest.approx(industry.sysselsatte_1000_personer.sum())


def source_totals(mirror, year):
    raw = pd.read_csv(mirror / data_import.MIRROR_FILE, dtype={"region_code": str, "county2024_code_approx": str})
    total = raw[(raw.naering == "Totalt for næringer") & (raw.year == year)]
    nation = total.loc[total.region_code == "0", "sysselsatte_1000_personer"].iloc[0]
    counties = total[total.region_code != "0"].groupby("county2024_code_approx").sysselsatte_1000_personer.sum()
    return nation, counties.rename(lambda c: c.zfill(2))


@pytest.mark.parametrize("year", [2008, 2017, 2018, 2019])
def test_aggregates_are_never_double_counted(real, mirror, year):
    nation_total, county_totals = source_totals(mirror, year)
    assert real.national(year, "main").sum() == pytest.approx(nation_total, abs=0.5)
    main = real.matrix(year, "main")
    for level in ("main", "detailed"):
        sums = real.matrix(year, level).sum(axis=1)
        # Suppressed cells can only make a sum lower; double counting would make it higher.
        assert (sums <= county_totals.reindex(sums.index) + 1.0).all()
    reported = main.loc[:, main.notna().any()]  # «Boligtjenester» has no employment at all
    complete = reported.notna().all(axis=1)
    gap = (main.sum(axis=1) - county_totals.reindex(main.index))[complete].abs()
    assert complete.sum() >= 3 and (gap <= 1.0).all()


def test_detailed_industries_partition_the_main_groups(real):
    main, detailed = real.industries("main"), real.industries("detailed")
    assert len(main) == 24 and len(detailed) == 35
    assert "industri" in main and "industri" not in detailed
    assert {"ind_metaller", "olje_gass_utvinning"} <= set(detailed)
    E = real.matrix(2019, "detailed")
    children = [c for c in E.columns if c.startswith("ind_")]
    full = E.loc[E[children].notna().all(axis=1), children].sum(axis=1)
    parent = real.matrix(2019, "main").loc[full.index, "industri"]
    assert ((full - parent).abs() <= 0.6).all()


def test_provenance_travels_with_the_data(real):
    p = real.provenance
    assert (p.table, p.licence, p.years) == ("11713", "CC BY 4.0", (2008, 2019))
    assert p.retrieved
    caption = p.caption(2019)
    assert caption.startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 11713")
    assert "2019" in caption and "omtrentlig" in caption
    assert not real.fictional and not real.fallback


def test_import_writes_atomically_and_reads_back(mirror, tmp_path):
    target = data_import.import_from_mirror(mirror, tmp_path)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["ssb_11713.csv", "ssb_11713.json"]
    frame = load_real_data(tmp_path).frame
    # (15 counties, the nation and the counties' sum) × (37 industries and the total) × 12 years
    assert len(frame) == 17 * 38 * 12
    assert target.read_text(encoding="utf-8").startswith("region,region_name,industry,")


def test_missing_mirror_gives_a_clear_message(tmp_path, capsys):
    with pytest.raises(DataMissing, match="Fant ikke 11713"):
        data_import.import_from_mirror(tmp_path)
    assert data_import.main(["--speil", str(tmp_path)]) == 1
    assert "speilmappen" in capsys.readouterr().err


def test_without_an_import_the_course_shows_the_real_figures_it_ships(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    dataset = load_course_data()
    assert dataset.shipped and not dataset.fallback and not dataset.fictional
    assert dataset.regions["18"] == "Nordland" and dataset.years == list(range(2008, 2020))
    assert round(dataset.location_quotients(2019).loc["18", "fiske_havbruk"], 2) == 4.99
    assert dataset.provenance.caption(2019).startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 11713")


def test_without_any_real_data_the_course_falls_back_to_labelled_teaching_data(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(paths.SNAPSHOT_ENV, str(tmp_path / "ingen"))
    monkeypatch.delenv("CI", raising=False)
    dataset = load_course_data()
    assert dataset.fallback and dataset.fictional
    assert "Fiktive undervisningsdata" in dataset.provenance.caption()


def test_ci_never_falls_back_silently(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setenv(paths.SNAPSHOT_ENV, str(tmp_path / "ingen"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(DataMissing, match="python kurs.py data"):
        load_course_data()


def test_teaching_data_is_hand_checkable(fjordland):
    E = fjordland.matrix(2023)
    assert (E.sum(axis=1) == 100).all() and E.values.sum() == 600
    main = fjordland.matrix(2023, "main")
    assert (main.sum(axis=1) == E.sum(axis=1)).all()  # groups hold exactly their industries
    assert fjordland.national(2023) is None
