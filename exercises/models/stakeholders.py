"""Exercise «Aktørkart» (chapter Organisere).

The learner lists the actors who should take part in the work, each with
its strand of the quadruple helix and the learner's judgement of its
influence on the strategy and its commitment to it. Feedback names the
strands that are missing, the actors to win over, and a map where the
public sector carries everything.
"""

from dataclasses import asdict, dataclass, fields

from exercises.core.feedback import Feedback
from exercises.core.parsing import as_rows, choice, filled_rows, listing, parse_each, repeated
from exercises.core.text import clean_text
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

HELICES = {
    "naeringsliv": "Næringsliv",
    "kunnskap": "Forskning og utdanning",
    "offentlig": "Offentlig sektor",
    "sivilsamfunn": "Sivilsamfunn",
}
EXAMPLES = {  # the kinds of actors KMD's guide names, sorted by strand
    "naeringsliv": "etablerte bedrifter, gründere, investorer, klynger og nettverk",
    "kunnskap": "universiteter, høgskoler og forskningsinstitutter",
    "offentlig": "kommunene, fylkeskommunen, Innovasjon Norge, Forskningsrådet, Siva og NAV",
    "sivilsamfunn": "organisasjoner, kulturliv og innbyggere",
}
LEVELS = {1: "Lav", 2: "Middels", 3: "Høy"}
HIGH, LOW = 3, 1
MAX_ACTORS = 10
MAX_NAME = 80


@dataclass(frozen=True)
class Actor:
    name: str
    helix: str
    influence: int
    commitment: int


FIELDS = tuple(f.name for f in fields(Actor))  # the columns of a row in the form


def parse_actors(rows) -> tuple[list[Actor], list[str]]:
    """Actors from the learner's rows; rows without name and strand are skipped."""
    raw, errors = as_rows(rows, FIELDS, "Aktørene")
    filled = filled_rows(raw, ("name", "helix"))
    actors, row_errors = parse_each(filled, _actor)
    errors += row_errors + repeated(actors, lambda a: a.name.casefold(),
                                    lambda a: f"«{a.name}» står to ganger i kartet. Slå radene sammen.")
    if not filled and not errors:
        errors.append("Fyll ut minst én aktør: navn, tråd, innflytelse og engasjement.")
    if len(filled) > MAX_ACTORS:
        errors.append(f"Kartet kan ha høyst {MAX_ACTORS} aktører (du har {len(filled)}). "
                      "Slå sammen eller ta bort noen.")
    return actors, errors


def _actor(number: int, row: dict) -> Actor:
    name = clean_text(row["name"], f"Aktør {number}, navn", max_length=MAX_NAME)
    label = f"Aktør {number} ({name[:40]})"
    return Actor(name, choice(row["helix"], HELICES, f"{label}, tråd"),
                 choice(row["influence"], LEVELS, f"{label}, innflytelse"),
                 choice(row["commitment"], LEVELS, f"{label}, engasjement"))


def notes(actors: list[Actor]) -> list[str]:
    """Teaching feedback on a stakeholder map."""
    by_helix = {h: [a for a in actors if a.helix == h] for h in HELICES}
    counts = ", ".join(f"{len(v)} fra {HELICES[h].lower()}" for h, v in by_helix.items())
    result = [f"Kartet ditt har {len(actors)} aktører: {counts}."]
    for helix, members in by_helix.items():
        if not members:
            result.append(
                f"Ingen fra {HELICES[helix].lower()}. Tenk på {EXAMPLES[helix]}. Veilederen minner om at "
                "innovasjon skjer i alle typer næringer, i offentlig sektor og i sivilsamfunnet, "
                "så organiseringen bør involvere bredt.")
    key = [a.name for a in actors if a.influence == HIGH and a.commitment == HIGH]
    if key:
        result.append(f"Nøkkelaktører (stor innflytelse og høyt engasjement): {listing(key)}. "
                      "Gi dem en fast plass i styringen av arbeidet.")
    else:
        result.append("Ingen aktør har både stor innflytelse og høyt engasjement. Hvem kan bli pådriver? "
                      "Uten noen som både kan og vil, stopper arbeidet lett.")
    win = [a.name for a in actors if a.influence == HIGH and a.commitment == LOW]
    if win:
        result.append(f"{listing(win)} har stor innflytelse, men lavt engasjement. Finn ut hva som er viktig "
                      "for dem og hvilke interesser de representerer, før du ber dem forplikte seg.")
    eager = [a.name for a in actors if a.influence == LOW and a.commitment == HIGH]
    if eager:
        result.append(f"{listing(eager)} er engasjert, men har liten innflytelse. Kan de få en rolle, "
                      "for eksempel i en arbeidsgruppe eller et pilotprosjekt?")
    if len(by_helix["offentlig"]) * 2 > len(actors):
        result.append("Over halvparten av aktørene er fra offentlig sektor. Ifølge veilederen var for mye "
                      "offentlig involvering og for lite engasjement fra næringslivet en vanlig svakhet i "
                      "tidligere regionale strategier.")
    business = by_helix["naeringsliv"]
    if business and not any(a.commitment == HIGH for a in business):
        result.append("Ingen fra næringslivet har høyt engasjement. De entreprenørielle oppdagelsene må drives "
                      "av aktører som kan sette ideer ut i livet, som bedrifter, gründere og investorer.")
    result.append("Spør deg også: hvilke aktører fra andre fylker eller land bør være med?")
    return result


def check_actors(rows) -> Feedback:
    actors, errors = parse_actors(rows)
    return Feedback(errors=errors) if errors else Feedback(notes=notes(actors))


def save_actors(workbook: Workbook, rows) -> Feedback:
    """Check the map and, if there is nothing to fix, save it."""
    actors, errors = parse_actors(rows)
    if errors:
        return Feedback(errors=errors)
    workbook.put(Section.STAKEHOLDERS, {"county": workbook.county, "actors": [asdict(a) for a in actors]})
    return Feedback(notes=notes(actors),
                    saved=f"Aktørkartet med {len(actors)} aktører er lagret i arbeidsboka ({workbook.path}).")


def saved_actors(workbook: Workbook) -> list[Actor]:
    """The saved map; rows that no longer check out are left out."""
    actors, _ = parse_actors(readers.actor_rows(workbook))
    return actors
