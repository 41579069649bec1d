"""The strengths and niches from the analysis that a priority can link to:
from «Analysere», or else from the two chapters before it."""

from dataclasses import dataclass, field
from html import escape

from exercises.core.parsing import listing
from exercises.data.counties import COUNTIES_2024
from exercises.data.provenance import FJORDLAND, SSB_11713, Provenance
from exercises.reports import display
from exercises.workbook.sections import CHAPTERS, chapter
from exercises.workbook.store import Workbook


@dataclass(frozen=True)
class Link:
    industry: str
    name: str
    kind: str  # "styrke" or "nisje"

    @property
    def label(self) -> str:
        return f"{self.name} ({self.kind})"


@dataclass
class Analysis:
    links: list[Link] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)  # workbook sections they come from
    county: str | None = None
    year: int | None = None

    @property
    def by_industry(self) -> dict[str, Link]:
        return {link.industry: link for link in self.links}

    def where(self) -> str:
        return listing(CHAPTERS[s] for s in self.sections)


def _entries(value, key: str) -> list[dict]:
    items = value.get(key, []) if isinstance(value, dict) else []
    return [i for i in items if isinstance(i, dict) and isinstance(i.get("industry"), str)] \
        if isinstance(items, list) else []


def analysis_links(workbook: Workbook) -> Analysis:
    """Strengths and niches from «Analysere»; else the specialisations and
    niches saved in the two chapters before it."""
    found = Analysis()

    def add(items, kind, section):
        for item in items:
            if item["industry"] not in found.by_industry:
                found.links.append(Link(item["industry"], str(item.get("name") or item["industry"]), kind))
        if items and section not in found.sections:
            found.sections.append(section)

    analysis = workbook.value("analyse")
    if _entries(analysis, "strengths") or _entries(analysis, "niches"):
        add(_entries(analysis, "strengths"), "styrke", "analyse")
        add(_entries(analysis, "niches"), "nisje", "analyse")
        sources = [analysis]
    else:
        picked, niches = workbook.value("spesialisering"), workbook.value("nisjer")
        add(_entries(picked, "picks"), "styrke", "spesialisering")
        add(_entries(niches, "niches"), "nisje", "nisjer")
        sources = [picked, niches]
    for source in sources:
        if isinstance(source, dict) and found.county is None and source.get("county"):
            found.county, found.year = str(source["county"]), source.get("year")
    return found


def data_source(entry: dict) -> str:
    """The source line for the numbers behind a saved analysis section."""
    if isinstance(entry.get("source"), str) and entry["source"].strip():
        return entry["source"].strip()
    year = entry.get("year") if isinstance(entry.get("year"), int) else None
    county = entry.get("county")
    if county and str(county) not in COUNTIES_2024:  # a region of the teaching data
        return FJORDLAND.caption(year)
    return Provenance(**SSB_11713, years=(2008, 2019)).caption(year)


def links_table(analysis: Analysis, workbook: Workbook) -> str:
    """The strengths and niches a priority can link to, with where they come from."""
    rows = "".join(f"<tr><td>{escape(link.name)}</td><td>{link.kind}</td></tr>" for link in analysis.links)
    sources = " ".join(dict.fromkeys(data_source(_dict(workbook.value(s))) for s in analysis.sections))
    return display.table_frame("Styrker og nisjer du har lagret",
                               '<tr><th scope="col">Næring</th><th scope="col">Styrke eller nisje</th></tr>', rows,
                               display.source_text(f"Kilde: dine valg i {analysis.where()}. {sources}"))


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def missing_analysis() -> str:
    return (f"Du har ikke lagret styrker eller nisjer ennå. Gjør {chapter('analyse')} først (eller "
            f"{chapter('spesialisering')} og {chapter('nisjer')}), så kan du knytte prioriteringene til analysen.")


