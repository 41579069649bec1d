"""Recorded-style answers of SSB's PxWebApi v2 for tables 11713 and 13470,
built from the mirror's values in the JSON-stat2 shape of a genuine SSB answer
(``../shared/data/api/ssb_07221_pxwebapi2_jsonstat2.json``: ``id``/``size``/
``role``, ``category.index``/``label``, ``null`` values with ``status`` «..»,
``extension.px.tableid``), and a stub API on 127.0.0.1 that serves them and
behaves like the real service where the import depends on it:

- ``/config`` says 0 calls per time window of 0 seconds, as SSB's has been
  reported to; the real limit (30 calls per 60 s per client) is enforced,
  every answer carries ``X-RateLimit-Limit/-Remaining/-Reset``, and a call
  over it gets 429 with ``Retry-After`` (PxWebApi uses AspNetCoreRateLimit);
- a data call of more than ``maxDataCells`` (800 000) cells gets 400 «Too
  many cells selected», errors are problem documents (``type``, ``title``,
  ``status``, ``detail``) with PxWebApi's titles (PxWeb/Helper/Api2/ProblemUtility.cs);
- table 13470's industries are, by default, the 5-digit industries of SN2007
  (from the mirror's ``klass/sn2007.csv``); its 17 groups come only with
  ``codelist[NACE2007]=agg_NACE2007arb11`` (listed in the dimension's
  ``extension.codelists``, as PxAPI-2.yml defines), and its regions are every
  municipality code of today and of earlier structures (numbers for
  Telemark's, empty for the rest), so the default selection is far over the
  cell limit, as at SSB;
- KLASS answers XML unless ``Accept: application/json`` is sent, 404 for the
  deprecated ``.json`` paths, and ``changes`` lists a change only when it
  falls strictly after ``from``; it has the 2017 merger of Andebu and Stokke
  into Sandefjord, and 13470 has Andebu's code (0719) in 2016 only.

Nothing here touches the network. ``python tests/api_fixtures.py MAPPE`` writes
the answers to a folder to look at. The industry codes of 11713 are the
course's own (the mirror has names only); the values are SSB's. The values
of the fixture-only codes (Andebu 0719, Svalbard 2100) are borrowed from
Telemark's municipalities.
"""

import csv
import json
import socket
import sys
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import numpy as np

from exercises.data.counties import COUNTIES_2024, OLD_TO_2024
from exercises.data.municipal import SN2007_17

UPDATED = "2025-11-20T08:00:00Z"
CONFIG = {"apiVersion": "2.0.0", "languages": [{"id": "no", "label": "Norsk"}], "defaultLanguage": "no",
          "maxDataCells": 800000, "maxCallsPerTimeWindow": 0, "timeWindow": 0,
          "defaultDataFormat": "json-stat2", "dataFormats": ["json-stat2", "csv", "px"]}
RATE_LIMIT = (30, 60.0)  # calls per seconds, per client, as SSB's user guide says
GROUPS = "agg_NACE2007arb11"  # SSB's codelist of the 17 SN2007 groups in table 13470
CODELISTS_13470 = [  # the second one is made up for the tests: a list the import must not take
    {"id": GROUPS, "label": "Næringsgruppering (17 grupper)", "type": "Aggregation"},
    {"id": "agg_NACE2007hovedomr_test", "label": "Hovedområder (testliste)", "type": "Aggregation"},
]
ANDEBU = "0719"  # merged into Sandefjord (0710) on 2017-01-01 (and with it into 3804 and 3907 since)
MEASURES_11713 = [  # (code, label, unit, mirror column)
    ("BNPB", "Bruttoprodukt i basisverdi. Løpende priser (mill. kr)", "mill. kr", "bruttoprodukt_lopende_mill_kr"),
    ("BNPBVol", "Bruttoprodukt i basisverdi. Volumendring (prosent)", "prosent", "bruttoprodukt_volumendring_pst"),
    ("Sysselsatte", "Sysselsatte personer (1 000 personer)", "1 000 personer", "sysselsatte_1000_personer"),
]


def dataset(table: str, label: str, dims: list[tuple], values: np.ndarray | None, note: str = "") -> dict:
    """A JSON-stat2 dataset. ``dims``: (id, label, codes, labels, unit or None);
    ``values`` shaped like the dims (NaN = no number), or None for metadata."""
    doc = {"version": "2.0", "class": "dataset", "label": f"{table}: {label}", "source": "Statistisk sentralbyrå",
           "updated": UPDATED, "note": [note or "Testdata for kurset, bygd fra speilets tall."],
           "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
           "id": [d[0] for d in dims], "size": [len(d[2]) for d in dims], "dimension": {},
           "extension": {"px": {"infofile": "None", "tableid": table, "decimals": 1, "official-statistics": True,
                                "aggregallowed": False, "language": "no", "matrix": table}}}
    for dim_id, dim_label, codes, labels, unit in dims:
        category = {"index": {c: i for i, c in enumerate(codes)}, "label": dict(zip(codes, labels))}
        if unit:
            category["unit"] = {c: {"base": unit[c], "decimals": 1} for c in codes}
        doc["dimension"][dim_id] = {"label": dim_label, "category": category,
                                    "extension": {"elimination": dim_id == "Region", "show": "value"}}
        if dim_id == "Region":
            doc["dimension"][dim_id]["link"] = {"describedby": [{"extension": {"Region": "urn:ssb:classification:klass:131"}}]}
    if values is None:
        doc["value"] = []
        return doc
    flat = values.reshape(-1)
    doc["value"] = [None if np.isnan(v) else round(float(v), 3) for v in flat]
    doc["status"] = {str(i): ".." for i in np.flatnonzero(np.isnan(flat))}
    return doc


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _number(text: str) -> float:
    return float(text) if text not in ("", "..", ".", ":", "-") else np.nan


def table_11713(mirror: Path, counties_2024_from: int | None = None) -> dict:
    """Table 11713 from the mirror. With ``counties_2024_from``, the years from
    then on are given for the 15 counties of 2024 (old counties summed, as SSB
    publishes a table in a new structure) and the old counties are empty."""
    rows = _read(mirror / "11713_fylkesfordelt_nasjonalregnskap_2008-2019.csv")
    regions = dict.fromkeys(r["region_code"] for r in rows)
    names = {r["region_code"]: r["region_name"] for r in rows}
    if counties_2024_from:
        regions.update(dict.fromkeys(c for c in COUNTIES_2024 if c not in regions))
        names.update({c: n for c, n in COUNTIES_2024.items() if c not in names})
    regions = list(regions)
    industries = list(dict.fromkeys(r["naering"] for r in rows))
    years = sorted({r["year"] for r in rows})
    values = np.full((len(regions), len(industries), len(MEASURES_11713), len(years)), np.nan)
    ri, ii, yi = ({c: i for i, c in enumerate(x)} for x in (regions, industries, years))
    for r in rows:
        for m, (_, _, _, column) in enumerate(MEASURES_11713):
            values[ri[r["region_code"]], ii[r["naering"]], m, yi[r["year"]]] = _number(r[column])
    if counties_2024_from:
        for y, year in enumerate(years):
            if int(year) < counties_2024_from:
                continue
            old = {c: values[ri[c], :, :, y].copy() for c in regions if c in OLD_TO_2024 and c not in COUNTIES_2024}
            existed = {c for c in old if not np.isnan(values[ri[c], industries.index("Totalt for næringer"), 2, y])}
            for county in COUNTIES_2024:
                parts = [c for c in existed if OLD_TO_2024[c] == county]
                if parts:
                    values[ri[county], :, :, y] = np.sum([old[c] for c in parts], axis=0)  # NaN if any part is
            for c in old:
                values[ri[c], :, :, y] = np.nan
    dims = [("Region", "region", regions, [names[c] for c in regions], None),
            ("NACE2007", "næring (SN2007)", [f"N{i:02d}" for i in range(len(industries))], industries, None),
            ("ContentsCode", "statistikkvariabel", [m[0] for m in MEASURES_11713], [m[1] for m in MEASURES_11713],
             {m[0]: m[2] for m in MEASURES_11713}),
            ("Tid", "år", years, years, None)]
    return dataset("11713", "Fylkesfordelt nasjonalregnskap, etter region, næring, statistikkvariabel og år", dims, values)


def _sn2007_detailed(klass: Path) -> tuple[list[str], list[str]]:
    rows = _read(klass / "sn2007.csv")
    return [r["Nace_5_nr"] for r in rows], [r["Nace_5_navn"] for r in rows]


def table_13470(mirror: Path, klass: Path) -> dict:
    """Table 13470 for Telemark from the mirror, with the county total (40) as
    SSB publishes it, Porsgrunn under its codes of three structures (0805 to
    2019, 3806 in 2020–2023, 4001 from 2024), one code no county of 2024
    holds (2100 Svalbard, values of Fyresdal), Andebu (0719, 2016 only, values
    of Nome), and every other municipality code of today and of the changes
    since 2017 without numbers. The industries are the 17 groups; the stub
    serves them only with the codelist ``GROUPS`` (see ``_stub``)."""
    rows = _read(mirror / "13470_sysselsatte_telemark_kommuner_2016-2025.csv")
    current = _read(klass / "kommuner_2026.csv")
    codes = {r["kommunenavn"]: r["kommunenummer"] for r in current if r["fylkesnummer"] == "40"}
    industries = list(SN2007_17.values())
    years = sorted({r["år"] for r in rows})
    municipalities = sorted({codes[r["region"]] for r in rows})
    labels = {"0": "Hele landet", "40": "Telemark", "0805": "Porsgrunn (-2019)", "3806": "Porsgrunn (2020-2023)",
              "2100": "Svalbard", ANDEBU: "Andebu (-2016)", **{c: n for n, c in codes.items()}}
    others = {r["kommunenummer"]: r["kommunenavn"] for r in current}
    others.update({r["from_id"]: r["from_id"] for r in _read(klass / "regionendringer_2020-2025.csv")
                   if r["level"] == "municipality"})
    rest = sorted(set(others) - set(labels))
    labels.update({c: others[c] for c in rest})
    regions = ["0", "40", "0805", "3806", *municipalities, "2100", ANDEBU, *rest]
    values = np.full((len(regions), len(industries), 1, len(years)), np.nan)
    ri, ii, yi = ({c: i for i, c in enumerate(x)} for x in (regions, industries, years))
    for r in rows:
        values[ri[codes[r["region"]]], ii[r["næring (SN2007)"]], 0, yi[r["år"]]] = _number(r["value"])
    values[ri["2100"]] = values[ri[codes["Fyresdal"]]]
    values[ri[ANDEBU], :, :, yi[years[0]]] = values[ri[codes["Nome"]], :, :, yi[years[0]]]
    porsgrunn = values[ri[codes["Porsgrunn"]]].copy()
    for y, year in enumerate(years):
        code = "0805" if int(year) <= 2019 else "3806" if int(year) <= 2023 else codes["Porsgrunn"]
        values[ri[codes["Porsgrunn"]], :, :, y] = np.nan
        values[ri[code], :, :, y] = porsgrunn[:, :, y]
    values[ri["40"]] = np.nansum(values[[ri[c] for c in ["0805", "3806", *municipalities]]], axis=0)
    dims = [("Region", "region", regions, [labels[c] for c in regions], None),
            ("NACE2007", "næring (SN2007)", list(SN2007_17), industries, None),
            ("ContentsCode", "statistikkvariabel", ["SysselsatteArb"], ["Sysselsatte personer etter arbeidssted"],
             {"SysselsatteArb": "personer"}),
            ("Tid", "år", years, years, None)]
    doc = dataset("13470", "Sysselsatte personer etter arbeidssted, etter region, næring (SN2007), "
                  "statistikkvariabel og år", dims, values)
    detailed, names = _sn2007_detailed(klass)
    sections = {r["Nace_1_nr"]: r["Nace_1_navn"] for r in _read(klass / "sn2007.csv")}
    doc["_stub"] = {"default": {"NACE2007": {"codes": detailed, "labels": dict(zip(detailed, names))}},
                    "codelists": {"NACE2007": {GROUPS: None, CODELISTS_13470[1]["id"]: {
                        "codes": list(sections), "labels": sections}}},
                    "offered": {"NACE2007": CODELISTS_13470}}
    return doc


def klass_answers(folder: Path) -> dict[str, list[dict]]:
    """KLASS's classification 131 in the shape of its JSON API (codes of
    today; code changes with the date they took effect), from the mirror's
    KLASS files and the 2017 merger of Andebu and Stokke into Sandefjord."""
    codes = [{"code": r["kommunenummer"], "parentCode": None, "level": "1", "name": r["kommunenavn"],
              "shortName": "", "presentationName": "", "validFrom": "2024-01-01", "validTo": None, "notes": ""}
             for r in _read(folder / "kommuner_2026.csv")]
    changes = [{"oldCode": r["from_id"], "oldName": "", "oldShortName": None, "newCode": r["to_id"], "newName": "",
                "newShortName": None, "changeOccurred": f"{r['to_year']}-01-01"}
               for r in _read(folder / "regionendringer_2020-2025.csv") if r["level"] == "municipality"]
    changes += [{"oldCode": old, "oldName": name, "oldShortName": None, "newCode": "0710", "newName": "Sandefjord",
                 "newShortName": None, "changeOccurred": "2017-01-01"} for old, name in ((ANDEBU, "Andebu"), ("0720", "Stokke"))]
    return {"codes": codes, "changes": changes}


def klass_answer(klass: dict, what: str, query: dict) -> dict | None:
    """``codesAt`` or ``changes`` as KLASS answers them; a change is listed
    only when it took effect strictly after ``from`` and not after ``to``."""
    if what == "codesAt":
        return {"codes": klass["codes"]}
    if what == "changes":
        start, end = query.get("from", "0000-01-01"), query.get("to", "9999-12-31")
        return {"codeChanges": [c for c in klass["changes"] if start < c["changeOccurred"] <= end]}
    return None


def problem(status: int, title: str, detail: str = "", kind: str = "Parameter error") -> dict:
    """An error answer as PxWebApi writes it (RFC 7807 problem document)."""
    return {"type": kind, "title": title, "status": status, **({"detail": detail} if detail else {})}


def apply_codelists(doc: dict, codelists: dict[str, str]) -> dict:
    """The table as the API offers it: a dimension with a codelist in the
    stub's notes shows its default (e.g. 5-digit) values unless that codelist
    is asked for; every such dimension lists its codelists in
    ``extension.codelists``. KeyError for an unknown codelist."""
    notes = doc.get("_stub") or {}
    served = json.loads(json.dumps({k: v for k, v in doc.items() if k != "_stub"}))
    for dim, lists in notes.get("codelists", {}).items():
        dimension = served["dimension"][dim]
        dimension["extension"]["codelists"] = [
            {**c, "links": [{"rel": "metadata", "hreflang": "no", "href": f"/codelists/{c['id']}?lang=no"}]}
            for c in notes.get("offered", {}).get(dim, [])]
        chosen = codelists.get(dim)
        if chosen is not None and chosen not in lists:
            raise KeyError(f"codelist {chosen}")
        values = notes["default"][dim] if chosen is None else lists[chosen]
        if values is None:  # the codelist the fixture's numbers are in
            continue
        dimension["category"] = {"index": {c: i for i, c in enumerate(values["codes"])}, "label": values["labels"]}
        served["_default"] = served.get("_default", []) + [dim]
    for dim in codelists:
        if dim not in served["dimension"]:
            raise KeyError(f"codelist for {dim}")
    served["size"] = [len(served["dimension"][d]["category"]["index"]) for d in served["id"]]
    return served


def cells_selected(doc: dict, selection: dict[str, list[str]]) -> int:
    sizes = []
    for dim_id in doc["id"]:
        wanted = selection.get(dim_id, ["*"])
        sizes.append(len(doc["dimension"][dim_id]["category"]["index"]) if wanted == ["*"] else len(wanted))
    return int(np.prod(sizes))


def subset(doc: dict, selection: dict[str, list[str]]) -> dict:
    """What the API answers for ``valueCodes``: the cells of the selected codes
    ('*' = all). A dimension served with its default values (no numbers in the
    fixture) answers empty cells. KeyError for a code the table does not have."""
    default = set(doc.get("_default", []))
    base = {k: v for k, v in doc.items() if k not in ("value", "status", "_default")}
    positions, new = [], json.loads(json.dumps(base))
    for dim_id in doc["id"]:
        index = doc["dimension"][dim_id]["category"]["index"]
        wanted = selection.get(dim_id, ["*"])
        codes = list(index) if wanted == ["*"] else [c for c in wanted if c in index]
        if len(codes) != len(wanted) and wanted != ["*"]:
            raise KeyError(f"unknown codes for {dim_id}")
        positions.append([index[c] for c in codes])
        category = new["dimension"][dim_id]["category"]
        category["index"] = {c: i for i, c in enumerate(codes)}
        category["label"] = {c: category["label"][c] for c in codes}
        if "unit" in category:
            category["unit"] = {c: category["unit"][c] for c in codes}
    if default:
        picked = np.full([len(p) for p in positions], np.nan)
    else:
        shape = doc["size"]
        values = np.array([np.nan if v is None else v for v in doc["value"]], dtype=float).reshape(shape)
        picked = values[np.ix_(*positions)]
    new["size"] = list(picked.shape)
    flat = picked.reshape(-1)
    new["value"] = [None if np.isnan(v) else float(v) for v in flat]
    new["status"] = {str(i): ".." for i in np.flatnonzero(np.isnan(flat))}
    return new


KLASS_XML = ('<?xml version="1.0" encoding="UTF-8"?><codeList><codes><code><code>0301</code><name>Oslo</name>'
             '</code></codes></codeList>')


class StubSSB:
    """PxWebApi v2 and KLASS on 127.0.0.1 for the tests, behaving like the
    real services in what the import depends on (see the module's text).
    ``fail`` answers the first calls of a path with an HTTP status; ``delay``
    waits before answering; ``limit`` is (calls, seconds) per window."""

    PREFIX = "/api/pxwebapi/v2"

    KLASS = "/api/klass/v1/classifications/131"

    def __init__(self, tables: dict[str, dict], config: dict | None = None, klass: Path | None = None,
                 limit: tuple[int, float] = RATE_LIMIT):
        self.tables, self.config = tables, {**CONFIG, **(config or {})}
        self.klass = klass_answers(klass) if klass else None
        self.limit = limit
        self.calls: list[tuple[float, str, dict]] = []
        self.headers: list[dict] = []  # the request headers of each call, in order
        self.counted: list[float] = []  # calls that count towards the rate limit
        self.refused_429 = 0
        self.fail: dict[str, list[int]] = defaultdict(list)
        self.delay = 0.0
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                path = url.path.removeprefix(stub.PREFIX)
                stub.calls.append((time.monotonic(), path, query))
                stub.headers.append(dict(self.headers))
                time.sleep(stub.delay)
                if path.startswith(stub.KLASS + "/"):
                    return self._klass(path.removeprefix(stub.KLASS + "/"), query)
                limited = path != "/config"  # PxWebApi leaves /config out of the limit
                headers = stub._rate_headers() if limited else {}
                if headers is None:
                    stub.refused_429 += 1
                    wait = stub._wait()
                    return self._send(429, problem(429, "Too many requests", "API calls quota exceeded! maximum "
                                                   f"admitted {stub.limit[0]} per {stub.limit[1]:g}s.", "Rate limit"),
                                      {"Retry-After": str(max(1, int(np.ceil(wait)))), **stub._headers(0, wait)})
                for key in (path, "*"):
                    if stub.fail.get(key):
                        status = stub.fail[key].pop(0)
                        return self._send(status, problem(status, "Service Unavailable", kind="Server error"), headers)
                parts = path.strip("/").split("/")
                if parts == ["config"]:
                    return self._send(200, stub.config)
                if len(parts) == 3 and parts[0] == "tables" and parts[2] in ("metadata", "data"):
                    if parts[1] not in stub.tables:
                        return self._send(404, problem(404, "Non-existent table"), headers)
                    codelists = {k[9:-1]: v for k, v in query.items() if k.startswith("codelist[")}
                    try:
                        doc = apply_codelists(stub.tables[parts[1]], codelists)
                    except KeyError:
                        return self._send(400, problem(400, "Non-existent codelist"), headers)
                    if parts[2] == "metadata":
                        return self._send(200, {**{k: v for k, v in doc.items() if k != "_default"},
                                                "value": [], "status": {}}, headers)
                    selection = {k[11:-1]: v.split(",") for k, v in query.items() if k.startswith("valueCodes[")}
                    if cells_selected(doc, selection) > stub.config["maxDataCells"]:
                        return self._send(400, problem(400, "Too many cells selected", "Too many cells selected"),
                                          headers)
                    try:
                        return self._send(200, subset(doc, selection), headers)
                    except KeyError:
                        return self._send(400, problem(400, "Non-existent value"), headers)
                return self._send(404, problem(404, "Not Found", kind="Not found"), headers)

            def _klass(self, what: str, query: dict):
                answer = klass_answer(stub.klass, what, query) if stub.klass else None
                if answer is None:  # e.g. the deprecated codesAt.json: KLASS has no such path
                    return self._send(404, {"error": "Not Found", "status": 404, "path": self.path})
                if "application/json" not in self.headers.get("Accept", ""):
                    return self._send(200, KLASS_XML, content_type="application/xml")
                return self._send(200, answer)

            def _send(self, status, body, headers=None, content_type="application/json; charset=utf-8"):
                data = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type if status < 400 or isinstance(body, str)
                                 else "application/problem+json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                if status == 429 and "Retry-After" not in (headers or {}):
                    self.send_header("Retry-After", "0")
                self.end_headers()
                try:
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}{self.PREFIX}"
        self.klass_url = f"http://127.0.0.1:{self.server.server_port}/api/klass/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _wait(self) -> float:
        """Seconds until the oldest counted call leaves the window."""
        return max(0.0, self.limit[1] - (time.monotonic() - self.counted[0])) if self.counted else 0.0

    def _headers(self, remaining: int, reset: float) -> dict:
        return {"X-RateLimit-Limit": str(self.limit[0]), "X-RateLimit-Remaining": str(remaining),
                "X-RateLimit-Reset": f"{reset:.3f}"}

    def _rate_headers(self) -> dict | None:
        """Count a call; its rate-limit headers, or None if it is over the limit."""
        with self.lock:
            now = time.monotonic()
            self.counted = [t for t in self.counted if now - t < self.limit[1]]
            if len(self.counted) >= self.limit[0]:
                return None
            self.counted.append(now)
            return self._headers(self.limit[0] - len(self.counted), self._wait())

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def data_calls(self, table: str) -> list[dict]:
        return [q for _, p, q in self.calls if p == f"/tables/{table}/data"]


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    mirror = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(__file__).resolve().parents[2] / "shared/data/ssb"
    for name, doc in {"11713": table_11713(mirror), "13470": table_13470(mirror, mirror.parent / "klass")}.items():
        served = {k: v for k, v in doc.items() if k != "_stub"}
        (out / f"ssb_{name}_data.json").write_text(json.dumps(served, ensure_ascii=False), encoding="utf-8")
    print(f"Skrev testsvarene til {out}.")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
