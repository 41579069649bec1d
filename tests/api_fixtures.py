"""Recorded-style answers of SSB's PxWebApi v2 for tables 11713 and 13470,
built from the mirror's values in the JSON-stat2 shape of a genuine SSB answer
(``../shared/data/api/ssb_07221_pxwebapi2_jsonstat2.json``: ``id``/``size``/
``role``, ``category.index``/``label``, ``null`` values with ``status`` «..»,
``extension.px.tableid``), and a stub API on 127.0.0.1 that serves them.

Nothing here touches the network. ``python tests/api_fixtures.py MAPPE`` writes
the answers to a folder to look at. The industry codes of 11713 are the
course's own (the mirror has names only); the values are SSB's.
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
          "maxDataCells": 800000, "maxCallsPerTimeWindow": 30, "timeWindow": 10,
          "defaultDataFormat": "json-stat2", "dataFormats": ["json-stat2", "csv", "px"]}
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


def table_13470(mirror: Path, klass: Path) -> dict:
    """Table 13470 for Telemark from the mirror, with the county total (40) as
    SSB publishes it, Porsgrunn under its codes of three structures (0805 to
    2019, 3806 in 2020–2023, 4001 from 2024) and one code no county of 2024
    holds (2100 Svalbard, values of Fyresdal)."""
    rows = _read(mirror / "13470_sysselsatte_telemark_kommuner_2016-2025.csv")
    codes = {r["kommunenavn"]: r["kommunenummer"] for r in _read(klass / "kommuner_2026.csv") if r["fylkesnummer"] == "40"}
    industries = list(SN2007_17.values())
    years = sorted({r["år"] for r in rows})
    municipalities = sorted({codes[r["region"]] for r in rows})
    regions = ["0", "40", "0805", "3806", *municipalities, "2100"]
    labels = {"0": "Hele landet", "40": "Telemark", "0805": "Porsgrunn (-2019)", "3806": "Porsgrunn (2020-2023)",
              "2100": "Svalbard", **{c: n for n, c in codes.items()}}
    values = np.full((len(regions), len(industries), 1, len(years)), np.nan)
    ri, ii, yi = ({c: i for i, c in enumerate(x)} for x in (regions, industries, years))
    for r in rows:
        values[ri[codes[r["region"]]], ii[r["næring (SN2007)"]], 0, yi[r["år"]]] = _number(r["value"])
    values[ri["2100"]] = values[ri[codes["Fyresdal"]]]
    porsgrunn = values[ri[codes["Porsgrunn"]]].copy()
    for y, year in enumerate(years):
        code = "0805" if int(year) <= 2019 else "3806" if int(year) <= 2023 else codes["Porsgrunn"]
        values[ri[codes["Porsgrunn"]], :, :, y] = np.nan
        values[ri[code], :, :, y] = porsgrunn[:, :, y]
    values[ri["40"]] = np.nansum(values[[ri[c] for c in ["0805", "3806", *municipalities]]], axis=0)
    dims = [("Region", "region", regions, [labels[c] for c in regions], None),
            ("NACE2007", "næring (SN2007)", list(SN2007_17), industries, None),
            ("ContentsCode", "statistikkvariabel", ["SysselEtterArbste"], ["Sysselsatte personer etter arbeidssted"],
             {"SysselEtterArbste": "personer"}),
            ("Tid", "år", years, years, None)]
    return dataset("13470", "Sysselsatte personer etter arbeidssted, etter region, næring (SN2007), "
                   "statistikkvariabel og år", dims, values)


def klass_answers(folder: Path) -> dict[str, dict]:
    """KLASS's answers for classification 131 (codesAt, changes) in the shape of
    its JSON API, from the mirror's KLASS files."""
    codes = [{"code": r["kommunenummer"], "parentCode": None, "level": "1", "name": r["kommunenavn"],
              "shortName": "", "presentationName": "", "validFrom": "2024-01-01", "validTo": None, "notes": ""}
             for r in _read(folder / "kommuner_2026.csv")]
    changes = [{"oldCode": r["from_id"], "oldName": "", "oldShortName": None, "newCode": r["to_id"], "newName": "",
                "newShortName": None, "changeOccurred": f"{r['to_year']}-01-01"}
               for r in _read(folder / "regionendringer_2020-2025.csv") if r["level"] == "municipality"]
    return {"codesAt.json": {"codes": codes}, "changes.json": {"codeChanges": changes}}


def subset(doc: dict, selection: dict[str, list[str]]) -> dict:
    """What the API answers for ``valueCodes``: the cells of the selected codes ('*' = all)."""
    shape = doc["size"]
    values = np.array([np.nan if v is None else v for v in doc["value"]], dtype=float).reshape(shape)
    positions, new = [], json.loads(json.dumps({k: v for k, v in doc.items() if k not in ("value", "status")}))
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
    picked = values[np.ix_(*positions)]
    new["size"] = list(picked.shape)
    flat = picked.reshape(-1)
    new["value"] = [None if np.isnan(v) else float(v) for v in flat]
    new["status"] = {str(i): ".." for i in np.flatnonzero(np.isnan(flat))}
    return new


class StubSSB:
    """PxWebApi v2 on 127.0.0.1 for the tests: /config, /tables/{id}/metadata
    and /tables/{id}/data with ``valueCodes[...]``. ``fail`` answers the first
    calls of a path with an HTTP status; ``delay`` waits before answering."""

    PREFIX = "/api/pxwebapi/v2"

    KLASS = "/api/klass/v1/classifications/131"

    def __init__(self, tables: dict[str, dict], config: dict | None = None, klass: Path | None = None):
        self.tables, self.config = tables, {**CONFIG, **(config or {})}
        self.klass = klass_answers(klass) if klass else {}
        self.calls: list[tuple[float, str, dict]] = []
        self.fail: dict[str, list[int]] = defaultdict(list)
        self.delay = 0.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                path = url.path.removeprefix(stub.PREFIX)
                stub.calls.append((time.monotonic(), path, query))
                time.sleep(stub.delay)
                for key in (path, "*"):
                    if stub.fail.get(key):
                        return self._send(stub.fail[key].pop(0), {"title": "Service Unavailable"})
                if path.startswith(stub.KLASS + "/") and path.removeprefix(stub.KLASS + "/") in stub.klass:
                    return self._send(200, stub.klass[path.removeprefix(stub.KLASS + "/")])
                parts = path.strip("/").split("/")
                if parts == ["config"]:
                    return self._send(200, stub.config)
                if len(parts) == 3 and parts[0] == "tables" and parts[1] in stub.tables:
                    doc = stub.tables[parts[1]]
                    if parts[2] == "metadata":
                        return self._send(200, {**doc, "value": [], "status": {}})
                    if parts[2] == "data":
                        selection = {k[11:-1]: v.split(",") for k, v in query.items() if k.startswith("valueCodes[")}
                        try:
                            return self._send(200, subset(doc, selection))
                        except KeyError:
                            return self._send(400, {"title": "Bad Request"})
                return self._send(404, {"title": "Not Found"})

            def _send(self, status, body):
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                if status == 429:
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
        (out / f"ssb_{name}_data.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    print(f"Skrev testsvarene til {out}.")


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
