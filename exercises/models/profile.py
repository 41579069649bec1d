"""Exercise «Velg fylke og rolle» (chapter Velkommen)."""

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.data.counties import resolve_region
from exercises.models.stakeholders import HELICES
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

ROLES = [
    "Ny medarbeider i fylkeskommunen",
    "Erfaren medarbeider i fylkeskommunen",
    "Deltaker på workshop",
    "Lærer eller kursholder",
    "Annet",
]
# Which strand of the quadruple helix the learner comes from (optional): the
# workshop summary gives the agreement within each (models/workshop.py).
NOT_STATED = ""
HELIX_OPTIONS = {NOT_STATED: "Ikke oppgitt", **HELICES}


def save_profile(workbook: Workbook, regions: dict[str, str], county, role, helix=NOT_STATED) -> Feedback:
    """Check the learner's county, role and (optional) strand of the helix
    and save them to the workbook; ``helix`` is saved only when stated."""
    result = Feedback()
    try:
        code = resolve_region(county, regions)
    except InputError as error:
        result.errors.append(str(error))
        code = None
    if role not in ROLES:
        result.errors.append("Velg rollen som passer best for deg fra lista.")
    if helix not in HELIX_OPTIONS:
        result.errors.append("Velg hvilken del av heliksen du kommer fra, eller «Ikke oppgitt».")
    if result.ok:
        workbook.put(Section.PROFILE, {"county": code, "county_name": regions[code], "role": role,
                                       **({"helix": helix} if helix else {})})
        strand = f" ({HELICES[helix].lower()})" if helix else ""
        result.saved = f"Lagret: {code} {regions[code]}, {role.lower()}{strand}. Arbeidsboka ligger i {workbook.path}."
        result.notes.append("Kapitlene etter dette starter med fylket ditt. Du kan bytte fylke når som helst her.")
    return result
