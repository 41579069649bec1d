"""One-liners that the chapters call, so that code cells stay short."""

from IPython.display import HTML

from exercises.data.counties import COUNTIES_2024, default_county
from exercises.data.dataset import Dataset, load_course_data
from exercises.reports import display
from exercises.workbook.store import Workbook


def show(*parts: str) -> HTML:
    return HTML("".join(parts))


def start() -> tuple[Dataset, Workbook, str]:
    """Load the data and the workbook, show the data banner, and pick the
    county: the learner's own from the workbook, else a default."""
    dataset, workbook = load_course_data(), Workbook()
    return dataset, workbook, default_county(dataset.regions, workbook.county)


def county_line(dataset: Dataset, county: str, workbook: Workbook) -> str:
    """A sentence saying which county the chapter shows, and why."""
    name = dataset.regions[county]
    if workbook.county == county:
        return f"<p>Kapitlet viser <strong>{name}</strong>, fylket du valgte i arbeidsboka.</p>"
    if dataset.fallback:
        return f"<p>Kapitlet viser den fiktive regionen <strong>{name}</strong>, fordi de virkelige dataene mangler.</p>"
    chosen = COUNTIES_2024.get(workbook.county or "", "")
    why = f"Du har valgt {chosen}, som ikke finnes i dataene. " if chosen else "Du har ikke valgt fylke ennå (se «Velkommen»). "
    return f"<p>{why}Kapitlet viser <strong>{name}</strong> som eksempel.</p>"


__all__ = ["show", "start", "county_line", "display"]
