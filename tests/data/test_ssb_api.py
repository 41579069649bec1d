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
from api_fixtures import ANDEBU, GROUPS, StubSSB, closed_port, subset, table_11713, table_13470

from exercises.core import paths
from exercises.data import api_import, data_import, ssb_api
from exercises.data.dataset import COUNTIES_SUM, load_real_data
from exercises.data.import_check import BadData
from exercises.data.klass import load_klass
from exercises.data.municipal import SN2007_17, counties_from_municipalities, load_municipal_data

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
    # The national reference sums the counties as SSB gives them: the old counties in the mirror, the 15 of
    # 2024 in the answer for 2019, where a cell hidden in one old county hides the whole 2024 county.
    differs = lambda f: (f.region == COUNTIES_SUM) & (f.year == 2019)  # noqa: E731
    pd.testing.assert_frame_equal(imported.frame[~differs(imported.frame)].reset_index(drop=True),
                                  real.frame[~differs(real.frame)].reset_index(drop=True), check_exact=False, rtol=1e-9)
    E = imported.matrix(2019, "main")
    reference, total = imported.reference(2019, "main")
    pd.testing.assert_series_equal(reference, E.sum(axis=0), check_names=False)
    assert total == pytest.approx(imported.region_totals(2019).sum())
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
    assert sorted(regional.region.unique()) == sorted(["0", COUNTIES_SUM, *data_import.COUNTIES_2024])


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


def test_a_failed_13470_keeps_its_old_files_and_the_new_11713_lands(tables, klass, mirror, real_cache, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for f in real_cache.iterdir():
        (cache / f.name).write_bytes(f.read_bytes())
    data_import.import_13470_from_mirror(mirror, cache, klass)
    before = snapshot(cache)
    with StubSSB(tables) as stub:
        stub.fail["/tables/13470/data"] = [503] * 3
        lines = []
        result = api_import.import_from_api(cache, client(stub, cache), klass, progress=lines.append)
    after = snapshot(cache)
    assert after["ssb_13470.csv"] == before["ssb_13470.csv"] and after["ssb_13470.json"] == before["ssb_13470.json"]
    assert after["ssb_11713.json"] != before["ssb_11713.json"]  # the new 11713, with SSB's «updated»
    assert load_real_data(cache).provenance.version == "2025-11-20"
    assert list(result.failed) == ["13470"] and result.written == [cache / "ssb_11713.csv"]
    summary = result.summary()
    assert "Fylkestallene (tabell 11713) er oppdatert" in summary
    assert "Kommunetallene (tabell 13470) ble ikke oppdatert; tallene fra før er beholdt" in summary
    assert "SSB svarte med feil 503 («Service Unavailable»)" in summary and summary in "\n".join(lines)
    assert not list(cache.glob("*.tmp"))


def test_when_both_tables_fail_nothing_changes_and_the_message_says_why(tables, klass, real_cache, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    for f in real_cache.iterdir():
        (cache / f.name).write_bytes(f.read_bytes())
    before = snapshot(cache)
    with StubSSB(tables) as stub:
        stub.fail["*"] = [503] * 20
        with pytest.raises(ssb_api.ApiUnavailable, match="SSB svarte med feil 503.*Prøv igjen senere.*ikke endret"):
            c = ssb_api.Client(stub.url, cache_folder=cache / "http", retries=0, progress=None)
    with StubSSB(tables) as stub:
        c = client(stub, cache, retries=0)
        stub.fail["/tables/11713/metadata"] = [503]
        stub.fail["/tables/13470/metadata"] = [503]
        with pytest.raises(ssb_api.ApiUnavailable, match="SSB svarte med feil 503"):
            api_import.import_from_api(cache, c, klass, progress=lambda text: None)
    assert {k: v for k, v in snapshot(cache).items() if not k.startswith(ssb_api.HTTP_CACHE)} == before


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
    assert "Fikk ikke kontakt med SSB" in result.stderr and "bruker imens tallene det hadde fra før" in result.stderr
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
    klass_calls = [(p, q, h) for (_, p, q), h in zip(stub.calls, stub.headers) if p.startswith("/api/klass/")]
    assert [p.rsplit("/", 1)[1] for p, _, _ in klass_calls] == ["codesAt", "changes"]  # not the deprecated .json
    assert all(h.get("Accept") == "application/json" for _, _, h in klass_calls)
    assert klass_calls[1][1]["from"] == "2016-01-01"  # the first year of the data, not 2017
    municipal, _ = load_municipal_data(tmp_path)
    assert set(municipal.county) == {"39", "40"} and {"0805", "3806", "4001"} <= set(municipal.municipality)
    andebu = municipal[municipal.municipality == ANDEBU]
    # merged into Sandefjord on 2017-01-01: KLASS lists that change only when asked from before that day
    assert set(andebu.year) == {2016} and set(andebu.county) == {"39"} and set(andebu.municipality_2024) == {"3907"}


def test_klass_answers_xml_without_accept_and_has_no_json_paths(mirror):
    import requests
    with StubSSB({}, klass=mirror.parent / "klass") as stub:
        base = f"{stub.klass_url}/classifications/131"
        plain = requests.get(f"{base}/codesAt", params={"date": "2026-01-01"}, timeout=10)
        asked = requests.get(f"{base}/codesAt", params={"date": "2026-01-01"}, timeout=10,
                             headers={"Accept": "application/json"})
        suffixed = requests.get(f"{base}/codesAt.json", params={"date": "2026-01-01"}, timeout=10)
        later = requests.get(f"{base}/changes", params={"from": "2017-01-01", "to": "2026-01-01"}, timeout=10,
                             headers={"Accept": "application/json"}).json()["codeChanges"]
        earlier = requests.get(f"{base}/changes", params={"from": "2016-01-01", "to": "2026-01-01"}, timeout=10,
                               headers={"Accept": "application/json"}).json()["codeChanges"]
    assert plain.headers["Content-Type"].startswith("application/xml") and plain.text.startswith("<?xml")
    assert asked.json()["codes"] and suffixed.status_code == 404
    assert ANDEBU not in {c["oldCode"] for c in later} and ANDEBU in {c["oldCode"] for c in earlier}


def test_without_mirror_and_klass_the_shipped_list_is_used(tables, tmp_path, monkeypatch):
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    from exercises.data import klass as klass_module
    with StubSSB(tables) as stub:  # serves no KLASS: 404
        monkeypatch.setenv(klass_module.KLASS_ENV, stub.klass_url)
        lines = []
        api_import.import_from_api(tmp_path, client(stub, tmp_path), progress=lines.append)
    assert any("kommunelisten som følger med kurset" in line for line in lines)
    municipal, _ = load_municipal_data(tmp_path)
    assert set(municipal.county) == {"40"}


def test_without_mirror_klass_or_snapshot_a_norwegian_message(tables, tmp_path, monkeypatch):
    monkeypatch.delenv(paths.MIRROR_ENV, raising=False)
    monkeypatch.setenv(paths.SNAPSHOT_ENV, str(tmp_path / "ingen"))
    from exercises.data import klass as klass_module
    with StubSSB(tables) as stub:
        monkeypatch.setenv(klass_module.KLASS_ENV, stub.klass_url)
        result = api_import.import_from_api(tmp_path, client(stub, tmp_path), progress=lambda text: None)
    assert list(result.failed) == ["13470"] and "SSB fant ikke" in result.failed["13470"]
    assert not (tmp_path / "ssb_13470.csv").exists() and (tmp_path / "ssb_11713.csv").exists()


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


# The behaviour of the real service that the import must survive (tests/api_fixtures.py says where each
# comes from): each of these failed on the import before it asked for codelists and read the headers.

def test_13470_is_asked_for_with_the_codelist_of_17_groups(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        municipal, _, _ = api_import.fetch_13470(client(stub, tmp_path), klass)
    metadata = [q for _, p, q in stub.calls if p == "/tables/13470/metadata"]
    assert metadata[0].get("codelist[NACE2007]") is None  # first the table as it is, to read its codelists
    assert metadata[-1]["codelist[NACE2007]"] == GROUPS
    calls = stub.data_calls("13470")
    assert calls and all(q["codelist[NACE2007]"] == GROUPS for q in calls)
    assert set(municipal.industry) == set(SN2007_17)  # the 17 groups, never the 5-digit industries


def test_without_the_codelist_13470_is_too_large_and_ssb_says_so(tables, tmp_path):
    with StubSSB(tables) as stub:
        c = client(stub, tmp_path)
        doc = c.metadata("13470")
        industries = ssb_api.dimensions(doc)["NACE2007"].codes
        assert len(industries) > 1000 and "01.110" in industries  # SN2007's 5-digit industries by default
        assert [c["id"] for c in ssb_api.codelists_of(doc, "NACE2007")][0] == GROUPS
        with pytest.raises(ssb_api.ApiUnavailable, match="feil 400 .«Too many cells selected»") as error:
            c.get("/tables/13470/data", {"valueCodes[Region]": "*", "valueCodes[NACE2007]": "*",
                                         "valueCodes[ContentsCode]": "*", "valueCodes[Tid]": "*"})
    assert error.value.too_many_cells


def test_a_table_without_the_17_groups_is_refused_with_a_message(tables, klass, tmp_path):
    doc = json.loads(json.dumps(tables["13470"]))
    doc["_stub"]["offered"]["NACE2007"] = doc["_stub"]["offered"]["NACE2007"][1:]  # only the made-up list
    del doc["_stub"]["codelists"]["NACE2007"][GROUPS]
    with StubSSB({"13470": doc}) as stub, pytest.raises(BadData, match="Fant ingen kodeliste med SSBs 17"):
        api_import.fetch_13470(client(stub, tmp_path), klass)


def test_a_call_that_does_not_fit_in_one_year_is_split_along_regions_too(tables, klass, tmp_path):
    regions = len(tables["13470"]["dimension"]["Region"]["category"]["index"])
    limit = 17 * regions // 3  # a third of one year's cells
    many_calls = {"maxCallsPerTimeWindow": 1000, "timeWindow": 60}  # the 30 a minute would make the test wait
    with StubSSB(tables, {"maxDataCells": limit, **many_calls}, limit=(1000, 60.0)) as stub:
        municipal, _, _ = api_import.fetch_13470(client(stub, tmp_path), klass)
        with StubSSB(tables) as whole:
            expected, _, _ = api_import.fetch_13470(client(whole, tmp_path / "hel"), klass)
    calls = stub.data_calls("13470")
    assert len(calls) >= 3 * 10
    for q in calls:
        cells = 17 * len(q["valueCodes[Region]"].split(",")) * len(q["valueCodes[Tid]"].split(","))
        assert cells <= limit and q["valueCodes[NACE2007]"] == "*"
        assert len(q["valueCodes[Region]"].split(",")) <= ssb_api.MAX_CODES_PER_CALL
    pd.testing.assert_frame_equal(municipal, expected)


def test_a_call_ssb_still_finds_too_large_is_halved(tables, klass, tmp_path):
    with StubSSB(tables) as stub:
        c = client(stub, tmp_path)
        c.max_cells = 10**9  # /config said more than the server allows
        stub.config["maxDataCells"] = 60_000
        municipal, _, _ = api_import.fetch_13470(c, klass)
    refused = [q for q in stub.data_calls("13470")]
    assert len(refused) > 1 and set(municipal.industry) == set(SN2007_17)


def test_config_with_no_limit_means_ssbs_published_30_a_minute(tables, tmp_path):
    with StubSSB(tables) as stub:
        c = client(stub, tmp_path)
    assert stub.config["maxCallsPerTimeWindow"] == 0 and stub.config["timeWindow"] == 0
    assert (c.calls_per_window, c.window) == (30, 60.0)


def test_the_stub_refuses_the_31st_call_in_a_minute_with_rate_limit_headers(tables):
    import requests
    with StubSSB(tables) as stub:
        answers = [requests.get(f"{stub.url}/tables/11713/metadata", timeout=10) for _ in range(31)]
    assert [a.status_code for a in answers[:30]] == [200] * 30 and answers[30].status_code == 429
    assert answers[0].headers["X-RateLimit-Limit"] == "30" and answers[29].headers["X-RateLimit-Remaining"] == "0"
    assert int(answers[30].headers["Retry-After"]) >= 1 and answers[30].json()["title"] == "Too many requests"


def test_the_client_waits_when_the_headers_say_no_calls_remain(tables, tmp_path):
    with StubSSB(tables, limit=(4, 1.0)) as stub:  # stricter than the 30 a minute the client assumes
        c = client(stub, tmp_path, retries=0)
        started = time.monotonic()
        for _ in range(10):
            c.get("/tables/11713/metadata", {"lang": "no", "n": str(time.monotonic())})
        elapsed = time.monotonic() - started
    assert stub.refused_429 == 0  # it never ran into the limit
    assert elapsed >= 2.0  # 10 calls at 4 a second need at least two waits


@pytest.mark.parametrize("path,words", [
    ("/tables/99999/metadata", ["SSB fant ikke", "«Non-existent table»"]),
    ("/tables/11713/data?valueCodes[Tid]=1850", ["feil 400", "«Non-existent value»"]),
])
def test_ssbs_own_words_are_in_the_message(tables, tmp_path, path, words):
    with StubSSB(tables) as stub:
        c = client(stub, tmp_path, retries=0)
        with pytest.raises(ssb_api.ApiUnavailable) as error:
            c.get(path)
    for word in words:
        assert word in str(error.value)
    assert "nytt nummer" not in str(error.value) or "99999" in path
