"""The strengths and niches from the analysis that a priority can link to:
from «Analysere», or else from the two chapters before it."""

from dataclasses import dataclass, field

from exercises.core.parsing import listing
from exercises.data.counties import COUNTIES_2024
from exercises.data.dataset import COUNTIES_REFERENCE, SUM_REFERENCE
from exercises.data.provenance import FJORDLAND, SSB_11713, Provenance
from exercises.workbook import readers
from exercises.workbook.readers import Choice
from exercises.workbook.sections import Section
from exercises.workbook.shapes import integer, text
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
    sections: list[Section] = field(default_factory=list)  # workbook sections they come from
    county: str | None = None
    year: int | None = None

    @property
    def by_industry(self) -> dict[str, Link]:
        return {link.industry: link for link in self.links}

    def where(self) -> str:
        return listing(s.chapter_title for s in self.sections)


def analysis_links(workbook: Workbook) -> Analysis:
    """Strengths and niches from «Analysere»; else the specialisations and
    niches saved in the two chapters before it."""
    found = Analysis()

    def add(choices: tuple[Choice, ...], kind: str, section: Section):
        for choice in choices:
            if choice.industry not in found.by_industry:
                found.links.append(Link(choice.industry, choice.name, kind))
        if choices and section not in found.sections:
            found.sections.append(section)

    analysis = readers.ranking(workbook)
    if analysis.strengths or analysis.niches:
        add(analysis.strengths, "styrke", Section.ANALYSIS)
        add(analysis.niches, "nisje", Section.ANALYSIS)
        sources = [analysis]
    else:
        picked, niches = readers.picks(workbook, Section.SPECIALISATION), readers.picks(workbook, Section.NICHES)
        add(picked.choices, "styrke", Section.SPECIALISATION)
        add(niches.choices, "nisje", Section.NICHES)
        sources = [picked, niches]
    for source in sources:
        if found.county is None and source.county:
            found.county, found.year = source.county, source.year
    return found


def reference_note(entry: dict) -> str:
    """The national reference of the figures behind a saved analysis section."""
    county = entry.get("county")
    return SUM_REFERENCE if county and str(county) not in COUNTIES_2024 else COUNTIES_REFERENCE


def data_source(entry: dict) -> str:
    """The source line for the numbers behind a saved analysis section."""
    if text(entry, "source").strip():
        return entry["source"].strip()
    year, county = integer(entry, "year"), entry.get("county")
    if county and str(county) not in COUNTIES_2024:  # a region of the teaching data
        return FJORDLAND.caption(year)
    return Provenance(**SSB_11713, years=(2008, 2019)).caption(year)


def missing_analysis() -> str:
    return (f"Du har ikke lagret styrker eller nisjer ennå. Gjør {Section.ANALYSIS.chapter} først (eller "
            f"{Section.SPECIALISATION.chapter} og {Section.NICHES.chapter}), så kan du knytte prioriteringene til "
            "analysen.")
