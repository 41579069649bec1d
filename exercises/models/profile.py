"""Exercise «Velg fylke og rolle» (chapter Velkommen)."""

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.data.counties import resolve_region
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

ROLES = [
    "Ny medarbeider i fylkeskommunen",
    "Erfaren medarbeider i fylkeskommunen",
    "Deltaker på workshop",
    "Lærer eller kursholder",
    "Annet",
]


def save_profile(workbook: Workbook, regions: dict[str, str], county, role) -> Feedback:
    """Check the learner's county and role and save them to the workbook."""
    result = Feedback()
    try:
        code = resolve_region(county, regions)
    except InputError as error:
        result.errors.append(str(error))
        code = None
    if role not in ROLES:
        result.errors.append("Velg rollen som passer best for deg fra lista.")
    if result.ok:
        workbook.put(Section.PROFILE, {"county": code, "county_name": regions[code], "role": role})
        result.saved = f"Lagret: {code} {regions[code]}, {role.lower()}. Arbeidsboka ligger i {workbook.path}."
        result.notes.append("Kapitlene etter dette starter med fylket ditt. Du kan bytte fylke når som helst her.")
    return result
