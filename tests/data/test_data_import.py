"""The import of SSB table 11713 from the mirror, checked against the known
values in the mirror's README and against the source's own totals."""

import pandas as pd
import pytest

from exercises.analysis import indicators as ind
from exercises.core import paths
from exercises.data import data_import
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import DataMissing, load_course_data, load_real_data

# (county, main group, LQ against the sum of counties, LQ against «Hele landet»), 2019
KNOWN_2019 = [
    ("11", "olje_gass", 7.0, 5.7),
    ("18", "fiske_havbruk", 5.2, 5.1),
    ("15", "industri", 2.05, None),
    ("03", "ikt", 2.5, None),
]


@pytest.mark.parametrize("county,industry,by_sum,by_nation", KNOWN_2019)
def test_known_location_quotients(real, county, industry, by_sum, by_nation):
    E = real.matrix(2019, "main")
    assert ind.location_quotient(E).loc[county, industry] == pytest.approx(by_sum, abs=0.05)
    if by_nation:
        lq = ind.location_quotient(E, real.national(2019, "main"))
        assert lq.loc[county, industry] == pytest.approx(by_nation, abs=0.05)


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
    assert len(frame) == 16 * 37 * 12  # (15 counties + the nation) × 37 industry rows × 12 years
    assert target.read_text(encoding="utf-8").startswith("region,region_name,industry,")


def test_missing_mirror_gives_a_clear_message(tmp_path, capsys):
    with pytest.raises(DataMissing, match="Fant ikke 11713"):
        data_import.import_from_mirror(tmp_path)
    assert data_import.main(["--speil", str(tmp_path)]) == 1
    assert "speilmappen" in capsys.readouterr().err


def test_without_real_data_the_course_falls_back_to_labelled_teaching_data(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    dataset = load_course_data()
    assert dataset.fallback and dataset.fictional
    assert "Fiktive undervisningsdata" in dataset.provenance.caption()


def test_ci_never_falls_back_silently(tmp_path, monkeypatch):
    monkeypatch.setenv(paths.CACHE_ENV, str(tmp_path))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(DataMissing, match="python kurs.py data"):
        load_course_data()


def test_teaching_data_is_hand_checkable(fjordland):
    E = fjordland.matrix(2023)
    assert (E.sum(axis=1) == 100).all() and E.values.sum() == 600
    main = fjordland.matrix(2023, "main")
    assert (main.sum(axis=1) == E.sum(axis=1)).all()  # groups hold exactly their industries
    assert fjordland.national(2023) is None
