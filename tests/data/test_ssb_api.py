"""The import from SSB's API (issue 11), against a stub API on 127.0.0.1 that
serves answers built from the mirror in the real JSON-stat2 shape
(tests/api_fixtures.py). No test touches the network."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from api_fixtures import StubSSB, closed_port, subset, table_11713, table_13470

from exercises.core import paths
from exercises.data import api_import, data_import, ssb_api
from exercises.data.dataset import load_real_data
from exercises.data.import_check import BadData
from exercises.data.klass import load_klass
from exercises.data.municipal import counties_from_municipalities, load_municipal_data

ROOT = Path(__file__).resolve().parents[2]
GENUINE = "ssb_07221_pxwebapi2_jsonstat2.json"


@pytest.fixture(scope="module")
def klass(mirror):
    return load_klass(mirror.parent / "klass")


@pytest.fixture(scope="module")
def tables(mirror):
    return {"11713": table_11713(mirror), "13470": table_13470(mirror, mirror.parent / "klass")}


@pytest.fixture(scope="module")
def tables_2024(mirror):
    """2019 given for the 15 counties of 2024, as SSB publishes a table in the new structure."""
    return {"11713": table_11713(mirror, counties_2024_from=2019), "13470": table_13470(mirror, mirror.parent / "klass")}


def client(stub, folder, **kwargs):
    kwargs = {"retries": 2, "backoff": 0.01, "progress": None, **kwargs}
    return ssb_api.Client(stub.url, cache_folder=folder / "http", **kwargs)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(folder.iterdir()) if f.is_file()}


def test_the_genuine_ssb_answer_parses(mirror):
    doc = json.loads((mirror.parent / "api" / GENUINE).read_text(encoding="utf-8"))
    frame = ssb_api.to_frame(doc)
    assert len(frame) == np.prod(doc["size"]) and list(frame.columns[:4]) == doc["id"]
    missing = frame[frame.status == ".."]
    assert len(missing) == len(doc["status"]) and missing.value.isna().all()
    assert frame.value.notna().sum() == sum(v is not None for v in doc["value"])
    first = frame.iloc[0]
    assert (first.Region, first.Tid, first.value) == ("TOTAL", "2022K1", doc["value"][0])
    assert ssb_api.role(doc, "time") == "Tid" and ssb_api.updated(doc) == "2024-01-12"


def test_the_fixture_has_the_shape_of_the_genuine_answer(mirror, tables):
    genuine = json.loads((mirror.parent / "api" / GENUINE).read_text(encoding="utf-8"))
    for doc in tables.values():
        assert set(genuine) - {"extension"} <= set(doc)
        assert doc["role"] == genuine["role"] and doc["extension"]["px"]["tableid"] in doc["label"]
        for dim in doc["dimension"].values():
            assert {"index", "label"} <= set(dim["category"])
        assert len(doc["value"]) == np.prod(doc["size"])
        assert set(doc["status"].values()) == {".."}


def test_api_import_gives_the_same_canonical_form_as_the_mirror(tables_2024, klass, real, tmp_path):
    with StubSSB(tables_2024) as stub:
        api_import.import_from_api(tmp_path, client(stub, tmp_path), klass, progress=lambda text: None)
    imported = load_real_data(tmp_path)
    pd.testing.assert_frame_equal(imported.frame, real.frame, check_exact=False, rtol=1e-9)
    p = imported.provenance
    assert (p.table, p.version, p.years) == ("11713", "2025-11-20", (2008, 2019))
    assert p.retrieved.startswith(time.strftime("%Y-%m-"))
    caption = p.caption(2019)
    assert "Hentet " in caption and "(tabellen oppdatert 2025-11-20)" in caption
    assert "For 2019 er fylkene SSBs egne tall for inndelingen fra 2024; for 2008–2018 er de regnet om" in caption


def test_a_table_in_the_old_counties_only_is_marked_approximate(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        regional, provenance = api_import.fetch_11713(client(stub, tmp_path))
    assert "omtrentlig" in provenance.note and "SSBs egne" not in provenance.note
    assert sorted(regional.region.unique()) == sorted(["0", *data_import.COUNTIES_2024])


def test_metadata_first_then_what_it_offers_in_parts_within_max_cells(tables, tmp_path):
    with StubSSB(tables, {"maxDataCells": 10000}) as stub:
        lines = []
        api_import.fetch_11713(client(stub, tmp_path, progress=lines.append))
    paths_called = [p for _, p, _ in stub.calls]
    assert paths_called[:2] == ["/config", "/tables/11713/metadata"]
    calls = stub.data_calls("11713")
    years = [y for q in calls for y in q["valueCodes[Tid]"].split(",")]
    assert years == [str(y) for y in range(2008, 2020)]  # every year the metadata offers, once
    assert len(calls) > 1 and all(q["outputFormat"] == "json-stat2" for q in calls)
    regions = len(tables["11713"]["dimension"]["Region"]["category"]["index"])
    industries = len(tables["11713"]["dimension"]["NACE2007"]["category"]["index"])
    for q in calls:
        assert q["valueCodes[ContentsCode]"] == "Sysselsatte,BNPB"  # chosen by label, not the volume change
        assert q["valueCodes[Region]"] == q["valueCodes[NACE2007]"] == "*"  # all of them, in a short address
        assert regions * industries * 2 * len(q["valueCodes[Tid]"].split(",")) <= 10000
    assert any("leser metadata" in line for line in lines)
    assert sum("henter del" in line for line in lines) == len(calls)


def test_the_rate_limit_from_config_is_kept(tables, tmp_path):
    with StubSSB(tables, {"maxCallsPerTimeWindow": 2, "timeWindow": 1, "maxDataCells": 4000}) as stub:
        c = client(stub, tmp_path)
        api_import.fetch_11713(c)
    assert len(c.sent) == len(stub.calls) >= 5
    for i in range(len(c.sent) - 2):
        assert c.sent[i + 2] - c.sent[i] >= 0.999, "more than 2 calls within 1 second"
    assert c.sent[-1] - c.sent[0] < len(c.sent)  # and it waits no longer than it must


def test_failed_calls_are_retried(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        stub.fail["/tables/11713/metadata"] = [503, 502]
        regional, _ = api_import.fetch_11713(client(stub, tmp_path))
    assert not regional.empty
    assert [p for _, p, _ in stub.calls].count("/tables/11713/metadata") == 3


def test_after_the_retries_a_norwegian_message_and_the_cache_kept(tables, klass, real_cache, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for f in real_cache.iterdir():
        (cache / f.name).write_bytes(f.read_bytes())
    before = snapshot(cache)
    with StubSSB(tables) as stub:
        stub.fail["/tables/13470/data"] = [503] * 3
        with pytest.raises(ssb_api.ApiUnavailable, match="SSB svarte med feil 503.*speilet.*ikke endret"):
            api_import.import_from_api(cache, client(stub, cache), klass, progress=lambda text: None)
    assert snapshot(cache) == before  # 11713 came through, but nothing is written unless both did
    assert not list(cache.glob("*.tmp"))


def test_a_slow_answer_times_out_with_a_message(tables, tmp_path):
    with StubSSB(tables) as stub:
        c = client(stub, tmp_path, retries=0, timeout=(2, 0.3))
        stub.delay = 1.0
        started = time.monotonic()
        with pytest.raises(ssb_api.ApiUnavailable, match="svarte ikke i tide"):
            c.metadata("11713")
    assert time.monotonic() - started < 1.5


def test_offline_gives_a_norwegian_message(tmp_path):
    with pytest.raises(ssb_api.ApiUnavailable, match="Fikk ikke kontakt med SSB.*internettforbindelsen"):
        ssb_api.Client(f"http://127.0.0.1:{closed_port()}/api", cache_folder=tmp_path, retries=1, backoff=0.01)


def test_a_changed_table_is_refused_with_a_message(tables, tmp_path):
    changed = json.loads(json.dumps(tables["11713"]))
    contents = changed["dimension"]["ContentsCode"]["category"]["label"]
    contents["Sysselsatte"] = "Utførte timeverk (1 000)"  # no longer the employed persons
    with StubSSB({"11713": changed}) as stub, pytest.raises(BadData, match="endret form"):
        api_import.fetch_11713(client(stub, tmp_path))


def test_municipalities_sum_to_the_county_totals(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        municipal, provenance, report = api_import.fetch_13470(client(stub, tmp_path), klass)
    assert set(municipal.county) == {"40"}
    porsgrunn = municipal[municipal.municipality.isin(["0805", "3806", "4001"])]
    assert sorted(porsgrunn.year.unique()) == list(range(2016, 2026))  # one code per structure, all in Telemark
    assert "2100" in report and "2100" not in set(municipal.municipality) and "2100" in provenance.note
    counties = counties_from_municipalities(municipal)
    doc = tables["13470"]
    totals = subset(doc, {"Region": ["40"]})
    expected = ssb_api.to_frame(totals).set_index(["NACE2007", "Tid"]).value
    got = counties.assign(Tid=counties.year.astype(str)).set_index(["industry", "Tid"]).employment
    assert len(got) == 17 * 10
    pd.testing.assert_series_equal(got.sort_index(), expected.reindex(got.index).sort_index(), check_names=False)


def test_klass_places_municipalities_that_changed_county(klass):
    assert klass.county("4001") == "40" and klass.county("3806") == "40" and klass.county("0805") == "40"
    assert klass.county("0532") == "32"  # Jevnaker: Oppland until 2019, Viken, Akershus from 2024
    assert klass.county("1507") == "15"  # Ålesund 2020–2023, split into Ålesund and Haram in 2024
    assert klass.county("9999") is None


def test_the_http_cache_spares_ssb_a_second_time(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        api_import.import_from_api(tmp_path, client(stub, tmp_path), klass, progress=lambda text: None)
        first = len(stub.calls)
        api_import.import_from_api(tmp_path, client(stub, tmp_path), klass, progress=lambda text: None)
    assert first >= 5 and len(stub.calls) == first
    data, provenance = load_municipal_data(tmp_path)
    assert provenance.table == "13470" and data.employment.notna().all()


def run_cli(env_extra: dict, cache: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, **{paths.CACHE_ENV: str(cache)}, **env_extra)
    return subprocess.run([sys.executable, "-m", "exercises.data.data_import", "--ssb"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_kurs_data_ssb_from_the_command_line(tables_2024, mirror, tmp_path):
    with StubSSB(tables_2024) as stub:
        result = run_cli({ssb_api.API_ENV: stub.url, paths.MIRROR_ENV: str(mirror)}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "henter del 1 av 1" in result.stdout and "Lagret i" in result.stdout
    assert {"ssb_11713.csv", "ssb_11713.json", "ssb_13470.csv", "ssb_13470.json"} <= {f.name for f in tmp_path.iterdir()}
    sys.path.insert(0, str(ROOT))
    import kurs
    os.environ[paths.CACHE_ENV] = str(tmp_path)
    try:
        assert kurs.kept_source().startswith("tallene fra SSBs API (hentet ")  # `start` keeps them
    finally:
        del os.environ[paths.CACHE_ENV]


def test_kurs_data_ssb_offline_keeps_the_cache(real_cache, mirror, tmp_path):
    for f in real_cache.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    before = snapshot(tmp_path)
    result = run_cli({ssb_api.API_ENV: f"http://127.0.0.1:{closed_port()}/api", paths.MIRROR_ENV: str(mirror)}, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Fikk ikke kontakt med SSB" in result.stderr and "python kurs.py data" in result.stderr
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith(ssb_api.HTTP_CACHE)} == before


def test_without_the_mirror_klass_comes_from_the_klass_api(tables, mirror, klass, tmp_path, monkeypatch):
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    from exercises.data import klass as klass_module
    with StubSSB(tables, klass=mirror.parent / "klass") as stub:
        monkeypatch.setenv(klass_module.KLASS_ENV, stub.klass_url)
        lines = []
        api_import.import_from_api(tmp_path, client(stub, tmp_path), progress=lines.append)
    assert any("KLASS" in line for line in lines)
    assert any("/api/klass/v1/classifications/131/codesAt.json" == p for _, p, _ in stub.calls)
    municipal, _ = load_municipal_data(tmp_path)
    assert set(municipal.county) == {"40"} and {"0805", "3806", "4001"} <= set(municipal.municipality)


def test_without_mirror_and_klass_a_norwegian_message(tables, tmp_path, monkeypatch):
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    from exercises.data import klass as klass_module
    with StubSSB(tables) as stub:  # serves no KLASS: 404
        monkeypatch.setenv(klass_module.KLASS_ENV, stub.klass_url)
        with pytest.raises(ssb_api.ApiUnavailable, match="SSB kjenner ikke adressen"):
            api_import.import_from_api(tmp_path, client(stub, tmp_path), progress=lambda text: None)
    assert not list(tmp_path.glob("ssb_*"))


def test_prefixed_municipality_codes_are_understood(tables, klass, tmp_path):
    doc = json.loads(json.dumps(tables["13470"]))
    category = doc["dimension"]["Region"]["category"]
    rename = {c: f"K-{c}" if len(c) == 4 else c for c in category["index"]}
    category["index"] = {rename[c]: i for c, i in category["index"].items()}
    category["label"] = {rename[c]: label for c, label in category["label"].items()}
    with StubSSB({"13470": doc}) as stub:
        municipal, _, report = api_import.fetch_13470(client(stub, tmp_path), klass)
    assert {"0805", "4001", "4036"} <= set(municipal.municipality) and set(municipal.county) == {"40"}
    assert "2100" in report
