"""Today's numbers from Statistics Norway's API (PxWebApi v2, JSON-stat2).

    python kurs.py data --ssb

asks SSB's ``/config`` (data cells per call, rate limit), then each table's
metadata, and takes what the metadata offers (every year, region and
industry) rather than hard-coded codes. Table 11713 goes into the same
canonical form and cache as the mirror import; table 13470 (employed persons
by municipality of work) into ``ssb_13470.csv``, with each municipality placed
in its county of 2024 through KLASS.

Why not ``pxwebpy`` (0.6.0, read from its source): it keeps the timeout it is
given but never passes it to ``requests``, so a call can hang for ever; it
retries only on HTTP 429, not on lost connections or 5xx answers; its errors
are English ``HTTPError`` text; and its rows drop the JSON-stat ``status``
markers and the table's ``updated`` stamp, which the course shows under every
table. So this module uses ``requests`` with urllib3's ``Retry`` (timeouts,
retries with back-off, ``Retry-After``) and ``requests-cache`` (answers kept
12 hours), and keeps SSB's rate limit from ``/config`` as pxwebpy does.
"""

import datetime as dt
import math
import os
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from exercises.core import paths
from exercises.data.import_check import BadData, Problem

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
API_ENV = "SSB_API"  # another address for the API (a test server, a proxy)
TIMEOUT = (10.0, 120.0)  # seconds: to connect, to read an answer
HTTP_CACHE = "ssb-http"
AFTER_OFFLINE = ("Bruk dataene fra speilet i stedet (python kurs.py data) eller prøv igjen senere. "
                 "Dataene kurset hadde fra før, er ikke endret.")


class ApiUnavailable(RuntimeError):
    """SSB could not be reached or gave no usable answer (Norwegian message)."""


@dataclass(frozen=True)
class Dimension:
    id: str
    label: str
    codes: list[str]
    labels: dict[str, str]
    units: dict[str, dict]


def dimensions(doc: dict) -> dict[str, Dimension]:
    """The dimensions of a JSON-stat2 dataset (a data or metadata answer), in order."""
    result = {}
    for dim_id in doc["id"]:
        dim = doc["dimension"][dim_id]
        index = dim["category"].get("index")
        labels = dim["category"].get("label", {})
        if isinstance(index, dict):
            codes = sorted(index, key=index.get)
        else:
            codes = list(index) if index else list(labels)
        result[dim_id] = Dimension(dim_id, dim.get("label", dim_id), codes, labels, dim["category"].get("unit", {}))
    return result


def role(doc: dict, name: str) -> str | None:
    ids = (doc.get("role") or {}).get(name) or []
    return ids[0] if ids else None


def to_frame(doc: dict) -> pd.DataFrame:
    """A JSON-stat2 data answer as one row per cell: a code column per
    dimension, ``value`` (NaN where SSB has no number) and ``status`` (SSB's
    marker such as «..», or "")."""
    dims = list(dimensions(doc).values())
    size = [len(d.codes) for d in dims]
    cells = math.prod(size)
    if list(doc.get("size", size)) != size:
        raise ValueError("size does not match the dimensions")
    raw = doc.get("value") or []
    values = np.full(cells, np.nan)
    if isinstance(raw, dict):  # sparse form: {"position": value}
        for key, v in raw.items():
            values[int(key)] = np.nan if v is None else float(v)
    else:
        if len(raw) != cells:
            raise ValueError(f"{len(raw)} values for {cells} cells")
        values = np.array([np.nan if v is None else float(v) for v in raw])
    status = np.full(cells, "", dtype=object)
    marks = doc.get("status") or {}
    for key, mark in (marks.items() if isinstance(marks, dict) else enumerate(marks)):
        status[int(key)] = mark or ""
    index = pd.MultiIndex.from_product([d.codes for d in dims], names=[d.id for d in dims])
    frame = index.to_frame(index=False)
    frame["value"], frame["status"] = values, status
    return frame


class Client:
    """Calls to one PxWebApi v2: timeouts, retries and the API's rate limit."""

    def __init__(self, base_url: str | None = None, *, session=None, progress=print,
                 timeout=TIMEOUT, retries: int = 3, backoff: float = 1.0, cache_folder: Path | None = None):
        self.base_url = (base_url or os.environ.get(API_ENV) or BASE_URL).rstrip("/")
        self.timeout = timeout
        self.progress = progress or (lambda text: None)
        self.session = session or make_session(Path(cache_folder or paths.cache_dir()), retries, backoff)
        self._calls: deque[float] = deque()
        self.sent: list[float] = []  # when each call was let through (time.monotonic)
        self.config: dict = {}
        self.config = self.get("/config")
        self.max_cells = int(self.config.get("maxDataCells") or 100_000)

    def _respect_rate_limit(self) -> None:
        calls = int(self.config.get("maxCallsPerTimeWindow") or 0)
        window = float(self.config.get("timeWindow") or 0)
        if calls <= 0 or window <= 0:  # not known yet (the call to /config) or no limit
            self._calls.append(time.monotonic())
            self.sent.append(self._calls[-1])
            return
        while True:
            now = time.monotonic()
            while self._calls and now - self._calls[0] >= window:
                self._calls.popleft()
            if len(self._calls) < calls:
                break
            time.sleep(window - (now - self._calls[0]))
        self._calls.append(time.monotonic())
        self.sent.append(self._calls[-1])

    def get(self, path: str, params: dict | None = None) -> dict:
        """GET a path of the API (or a whole URL, e.g. KLASS) as JSON."""
        import requests

        self._respect_rate_limit()
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.Timeout:
            raise ApiUnavailable(f"SSB svarte ikke i tide ({url}). {AFTER_OFFLINE}") from None
        except requests.ConnectionError as error:
            if _timed_out(error):
                raise ApiUnavailable(f"SSB svarte ikke i tide ({url}). {AFTER_OFFLINE}") from None
            raise ApiUnavailable(f"Fikk ikke kontakt med SSB ({self.base_url}). Sjekk internettforbindelsen. "
                                 f"{AFTER_OFFLINE}") from None
        except requests.RequestException as error:
            raise ApiUnavailable(f"Spørringen til SSB mislyktes ({type(error).__name__}). {AFTER_OFFLINE}") from None
        if response.status_code == 429:
            raise ApiUnavailable(f"SSB får for mange spørringer akkurat nå. {AFTER_OFFLINE}")
        if response.status_code == 404:
            raise ApiUnavailable(f"SSB kjenner ikke adressen {url}. Tabellen (eller klassifikasjonen) kan ha fått nytt "
                                 f"nummer. {AFTER_OFFLINE}")
        if not response.ok:
            raise ApiUnavailable(f"SSB svarte med feil {response.status_code}. {AFTER_OFFLINE}")
        try:
            return response.json()
        except ValueError:
            raise ApiUnavailable(f"SSB svarte med noe annet enn JSON ({url}). {AFTER_OFFLINE}") from None

    def metadata(self, table: str) -> dict:
        self.progress(f"Tabell {table}: leser metadata (hvilke år, regioner og næringer SSB har) …")
        return self.get(f"/tables/{table}/metadata", {"lang": "no"})

    def data(self, table: str, selection: dict[str, list[str]], split_on: str,
             everything: frozenset[str] = frozenset()) -> list[dict]:
        """The cells of ``selection`` (dimension -> codes), in as many calls as
        the API's ``maxDataCells`` demands, split along ``split_on``. The
        dimensions in ``everything`` hold all their codes and are asked for
        as «*», which keeps the address short (a thousand municipalities)."""
        others = math.prod(len(v) for k, v in selection.items() if k != split_on)
        per_call = max(1, self.max_cells // max(1, others))
        codes = selection[split_on]
        chunks = [codes[i:i + per_call] for i in range(0, len(codes), per_call)]
        answers = []
        for number, chunk in enumerate(chunks, 1):
            cells = f"{others * len(chunk):,}".replace(",", "\u00a0")
            self.progress(f"Tabell {table}: henter del {number} av {len(chunks)} ({chunk[0]}–{chunk[-1]}, {cells} celler) …")
            params = {"lang": "no", "outputFormat": "json-stat2"}
            for dim, values in {**selection, split_on: chunk}.items():
                params[f"valueCodes[{dim}]"] = "*" if dim in everything and dim != split_on else ",".join(values)
            answers.append(self.get(f"/tables/{table}/data", params))
        return answers


def _timed_out(error: Exception) -> bool:
    """requests reports a read timeout after urllib3's retries as a ConnectionError."""
    from urllib3.exceptions import ReadTimeoutError

    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, ReadTimeoutError)


def make_session(cache_folder: Path, retries: int = 3, backoff: float = 1.0):
    """A requests session that retries (with back-off, honouring Retry-After)
    on lost connections, 429 and 5xx, and keeps answers 12 hours on disk."""
    import requests_cache
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    cache_folder.mkdir(parents=True, exist_ok=True)
    session = requests_cache.CachedSession(str(cache_folder / HTTP_CACHE), backend="sqlite",
                                           expire_after=dt.timedelta(hours=12), allowable_methods=("GET",))
    retry = Retry(total=retries, connect=retries, read=retries, status=retries, backoff_factor=backoff,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False)
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = "smart-spesialisering-kurs (selvstudiekurs for fylkeskommunene)"
    return session


def changed(table: str, what: str) -> BadData:
    return BadData(f"SSBs tabell {table}", [Problem(
        f"{what} Tabellen har trolig endret form hos SSB. Bruk speilet (python kurs.py data) og meld fra "
        "til kursansvarlig.")], kept=AFTER_OFFLINE)


def find_dimension(doc: dict, table: str, *words: str, exclude: set[str] = frozenset()) -> str:
    """The id of the dimension whose id or label contains one of ``words``."""
    for dim_id, dim in dimensions(doc).items():
        text = f"{dim_id} {dim.label}".casefold()
        if dim_id not in exclude and any(w in text for w in words):
            return dim_id
    raise changed(table, f"Fant ingen dimensjon for {' / '.join(words)}.")


def find_contents(doc: dict, table: str, must: list[str], must_not: list[str] = ()) -> str:
    metric = role(doc, "metric") or find_dimension(doc, table, "contents", "statistikkvariabel")
    dim = dimensions(doc)[metric]
    for code in dim.codes:
        label = dim.labels.get(code, code).casefold()
        if all(w in label for w in must) and not any(w in label for w in must_not):
            return code
    raise changed(table, f"Fant ingen statistikkvariabel med «{' '.join(must)}» i tabell {table}.")


def years_of(doc: dict, table: str) -> list[str]:
    time_dim = role(doc, "time") or find_dimension(doc, table, "tid", "år")
    codes = [c for c in dimensions(doc)[time_dim].codes if c[:4].isdigit()]
    if not codes:
        raise changed(table, "Tabellen har ingen år.")
    return codes


def plain_code(code: str) -> str:
    """A region code without a prefix such as «K-» (municipality) or «F-» (county)."""
    return code.split("-", 1)[1] if len(code) > 2 and code[1] == "-" and code[0].isalpha() else code


def retrieved_now() -> str:
    return dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")


def updated(doc: dict) -> str:
    stamp = str(doc.get("updated") or "")
    return stamp[:10]
