"""Today's numbers from Statistics Norway's API (PxWebApi v2, JSON-stat2).

    python kurs.py data --ssb

asks SSB's ``/config`` (data cells per call, rate limit), then each table's
metadata, and takes what the metadata offers (every year, region and
industry, and the codelists of a dimension) rather than hard-coded codes.
Table 11713 goes into the same canonical form and cache as the mirror
import; table 13470 (employed persons by municipality of work) into
``ssb_13470.csv``, with each municipality placed in its county of 2024
through KLASS.

The service's limits, as its specification (PxTools/PxApiSpecs, PxAPI-2.yml)
and server (PxTools/PxWebApi) define them: a call may hold ``maxDataCells``
cells, else 400 «Too many cells selected»; errors are problem documents
(``type``, ``title``, ``status``); calls are limited per IP address and time
window. SSB's ``/config`` has been reported to give 0 for the window, so
0 is read as SSB's published 30 calls a minute, and the ``x-ratelimit-*``
headers of each answer are followed where SSB sends them.

Why not ``pxwebpy`` (0.6.0, read from its source): it keeps the timeout it is
given but never passes it to ``requests``, so a call can hang for ever; it
retries only on HTTP 429, not on lost connections or 5xx answers; its errors
are English ``HTTPError`` text; and its rows drop the JSON-stat ``status``
markers and the table's ``updated`` stamp, which the course shows under every
table. So this module uses ``requests`` with urllib3's ``Retry`` (timeouts,
retries with back-off, ``Retry-After``) and ``requests-cache`` (answers kept
12 hours).
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
AFTER_OFFLINE = ("Prøv igjen senere. Kurset bruker imens tallene det hadde fra før; de er ikke endret.")
# SSB's published limit per IP address, used when /config gives none (0): 30 calls a minute.
DEFAULT_CALLS, DEFAULT_WINDOW = 30, 60.0
MAX_CODES_PER_CALL = 400  # explicit codes in one address; keeps it well below the servers' 8 kB request line
TOO_MANY_CELLS = "too many cells"


class ApiUnavailable(RuntimeError):
    """SSB could not be reached or gave no usable answer (Norwegian message)."""

    too_many_cells = False  # SSB refused a call for holding more cells than it allows


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
        self._blocked_until = 0.0  # from the x-ratelimit-* headers of the last answer
        self.sent: list[float] = []  # when each call was let through (time.monotonic)
        self.calls_per_window, self.window = DEFAULT_CALLS, DEFAULT_WINDOW
        self.config: dict = self.get("/config")
        self.max_cells = int(self.config.get("maxDataCells") or 100_000)
        self.calls_per_window = int(self.config.get("maxCallsPerTimeWindow") or 0) or DEFAULT_CALLS
        self.window = float(self.config.get("timeWindow") or 0) or DEFAULT_WINDOW

    def _respect_rate_limit(self) -> None:
        """Wait until a call is allowed: no more than ``calls_per_window`` in
        any ``window`` seconds, and not before the reset the server announced
        when it said no calls remain."""
        while True:
            now = time.monotonic()
            if now < self._blocked_until:
                time.sleep(self._blocked_until - now)
                continue
            while self._calls and now - self._calls[0] >= self.window:
                self._calls.popleft()
            if len(self._calls) < self.calls_per_window:
                break
            time.sleep(self.window - (now - self._calls[0]))
        self._calls.append(time.monotonic())
        self.sent.append(self._calls[-1])

    def _note_rate_limit(self, headers) -> None:
        """``x-ratelimit-remaining: 0`` (also spelt ``x-rate-limit-*`` or
        ``ratelimit-*``) means wait until ``…-reset``: seconds from now, a Unix
        time, or a date."""
        remaining = _header(headers, "remaining")
        if remaining is None or not remaining.strip().isdigit() or int(remaining) > 0:
            return
        self._blocked_until = time.monotonic() + _seconds_until(_header(headers, "reset"), self.window)

    def get(self, path: str, params: dict | None = None, headers: dict | None = None) -> dict:
        """GET a path of the API (or a whole URL, e.g. KLASS) as JSON."""
        import requests

        self._respect_rate_limit()
        url = path if path.startswith(("http://", "https://")) else self.base_url + path
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=self.timeout)
        except requests.Timeout:
            raise ApiUnavailable(f"SSB svarte ikke i tide ({url}). {AFTER_OFFLINE}") from None
        except requests.ConnectionError as error:
            if _timed_out(error):
                raise ApiUnavailable(f"SSB svarte ikke i tide ({url}). {AFTER_OFFLINE}") from None
            raise ApiUnavailable(f"Fikk ikke kontakt med SSB ({self.base_url}). Sjekk internettforbindelsen. "
                                 f"{AFTER_OFFLINE}") from None
        except requests.RequestException as error:
            raise ApiUnavailable(f"Spørringen til SSB mislyktes ({type(error).__name__}). {AFTER_OFFLINE}") from None
        if not getattr(response, "from_cache", False):
            self._note_rate_limit(response.headers)
        if not response.ok:
            raise refused(response, url)
        try:
            return response.json()
        except ValueError:
            raise ApiUnavailable(f"SSB svarte med noe annet enn JSON ({url}). {AFTER_OFFLINE}") from None

    def metadata(self, table: str, codelists: dict[str, str] | None = None) -> dict:
        self.progress(f"Tabell {table}: leser metadata (hvilke år, regioner og næringer SSB har) …")
        return self.get(f"/tables/{table}/metadata", {"lang": "no", **codelist_params(codelists)})

    def data(self, table: str, selection: dict[str, list[str]], split_on: str | list[str],
             everything: frozenset[str] = frozenset(), codelists: dict[str, str] | None = None) -> list[dict]:
        """The cells of ``selection`` (dimension -> codes), in as many calls as
        the API's ``maxDataCells`` demands: split along ``split_on`` (a
        dimension or several, in order) until each call fits, and again in
        halves if SSB still answers «Too many cells selected». The dimensions
        in ``everything`` hold all their codes and are asked for as «*» while
        they are not split, which keeps the address short."""
        order = [split_on] if isinstance(split_on, str) else list(split_on)
        parts = split_selection(selection, order, self.max_cells)
        answers = []
        for number, part in enumerate(parts, 1):
            cells = f"{_cells(part):,}".replace(",", "\u00a0")
            self.progress(f"Tabell {table}: henter del {number} av {len(parts)} ({_describe(part, order)}, "
                          f"{cells} celler) …")
            answers.extend(self._data_call(table, part, selection, everything, codelists))
        return answers

    def _data_call(self, table, part, selection, everything, codelists) -> list[dict]:
        params = {"lang": "no", "outputFormat": "json-stat2", **codelist_params(codelists)}
        for dim, values in part.items():
            whole = dim in everything and values == selection[dim]
            params[f"valueCodes[{dim}]"] = "*" if whole else ",".join(values)
        try:
            return [self.get(f"/tables/{table}/data", params)]
        except ApiUnavailable as error:
            halves = halve(part, selection)
            if not error.too_many_cells or halves is None:
                raise
            return [doc for half in halves for doc in self._data_call(table, half, selection, everything, codelists)]


def codelist_params(codelists: dict[str, str] | None) -> dict[str, str]:
    """``codelist[dim]=id`` for each dimension whose values come from a codelist."""
    return {f"codelist[{dim}]": code for dim, code in (codelists or {}).items()}


def _cells(selection: dict[str, list[str]]) -> int:
    return math.prod(len(v) for v in selection.values())


def split_selection(selection: dict[str, list[str]], order: list[str], max_cells: int) -> list[dict]:
    """``selection`` in parts of at most ``max_cells`` cells each, cutting the
    dimensions in ``order`` one after another (the first as little as
    possible), and at most MAX_CODES_PER_CALL explicit codes per part."""
    if _cells(selection) <= max_cells or not order:
        return [selection]
    dim, rest = order[0], order[1:]
    codes = selection[dim]
    others = _cells(selection) // max(1, len(codes))
    per_part = max(1, min(max_cells // max(1, others), MAX_CODES_PER_CALL))
    return [part for i in range(0, len(codes), per_part)
            for part in split_selection({**selection, dim: codes[i:i + per_part]}, rest, max_cells)]


def halve(part: dict[str, list[str]], selection: dict[str, list[str]]) -> list[dict] | None:
    """Two halves of ``part`` along its longest dimension, or None if every
    dimension holds one code (a call of one cell that SSB still refuses)."""
    dim = max(part, key=lambda d: len(part[d]))
    codes = part[dim]
    if len(codes) < 2:
        return None
    middle = len(codes) // 2
    return [{**part, dim: codes[:middle]}, {**part, dim: codes[middle:]}]


def _describe(part: dict[str, list[str]], order: list[str]) -> str:
    return ", ".join(f"{part[d][0]}–{part[d][-1]}" if len(part[d]) > 1 else part[d][0] for d in order if d in part)


def _header(headers, name: str) -> str | None:
    for prefix in ("x-ratelimit-", "x-rate-limit-", "ratelimit-"):
        value = headers.get(prefix + name)
        if value is not None:
            return str(value)
    return None


def _seconds_until(reset: str | None, default: float) -> float:
    """The wait a ``…-reset`` header asks for: seconds (small numbers), a Unix
    time (large numbers) or an HTTP/ISO date; ``default`` if unreadable."""
    if not reset:
        return default
    text = reset.strip()
    try:
        value = float(text)
        return max(0.0, value - time.time()) if value > 1e9 else max(0.0, value)
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    for parse in (dt.datetime.fromisoformat, parsedate_to_datetime):
        try:
            when = parse(text.replace("Z", "+00:00"))
        except (TypeError, ValueError):
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        return max(0.0, (when - dt.datetime.now(dt.timezone.utc)).total_seconds())
    return default


def refused(response, url: str) -> "ApiUnavailable":
    """A Norwegian message for an error answer, with the problem document's
    ``title`` (and ``detail``) as SSB wrote them."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = {}
    body = body if isinstance(body, dict) else {}
    said = " – ".join(dict.fromkeys(str(body[k]).strip() for k in ("title", "detail") if body.get(k)))
    quoted = f" («{said[:200]}»)" if said else ""
    if status == 429:
        return ApiUnavailable(f"SSB får for mange spørringer akkurat nå{quoted}. Det kan være andre på samme "
                              f"nettverk som henter samtidig. {AFTER_OFFLINE}")
    if status == 404:
        return ApiUnavailable(f"SSB fant ikke {url}{quoted}. Sjekk at tabellnummeret er riktig; SSB kan ha flyttet "
                              f"tabellen eller gitt den nytt nummer. {AFTER_OFFLINE}")
    error = ApiUnavailable(f"SSB svarte med feil {status}{quoted}. {AFTER_OFFLINE}")
    error.too_many_cells = status in (400, 403) and TOO_MANY_CELLS in said.casefold()
    return error


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
        f"{what} Tabellen har trolig endret form hos SSB. Meld gjerne fra til kursansvarlig.")], kept=AFTER_OFFLINE)


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


def codelists_of(doc: dict, dim: str) -> list[dict]:
    """The codelists a dimension offers (``extension.codelists``: id, label, type)."""
    found = ((doc.get("dimension") or {}).get(dim) or {}).get("extension", {}).get("codelists") or []
    return [c for c in found if isinstance(c, dict) and c.get("id")]


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
