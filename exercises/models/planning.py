"""Exercise «Plasser arbeidet i plansystemet» (chapter Smart spesialisering
og plan- og bygningsloven).

The learner places each part of the work (analysis, organisation, vision
and goals, priorities, actions, indicators) in the regional planning
system of the Planning and Building Act, and chooses between a regional
plan and a regional strategy. Feedback explains where the course would put
each part, and why, with the section of the Act.
"""

from dataclasses import dataclass

from exercises.core.feedback import Feedback
from exercises.core.parsing import answer_or_errors, choice, collect
from exercises.core.text import clean_text
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

PLACES = {
    "planstrategi": "Regional planstrategi (§ 7-1)",
    "planprogram": "Planprogram (§ 4-1)",
    "plan": "Regional plan (§ 8-1)",
    "handlingsprogram": "Handlingsprogram (§ 8-1)",
}
FORMS = {"plan": "Regional plan etter kapittel 8", "strategi": "Regional strategi"}
MAX_NEXT = 400


@dataclass(frozen=True)
class Element:
    label: str
    best: str
    also: tuple[str, ...]
    why: str


ELEMENTS = {
    "analyse": Element(
        "Analysen av styrker og muligheter", "planstrategi", ("plan",),
        "Planstrategien skal gjøre rede for utviklingstrekk og utfordringer og vurdere langsiktige "
        "utviklingsmuligheter (§ 7-1). Veilederen foreslår at deler av analysen for smart spesialisering "
        "kan inngå i planstrategien. En mer detaljert analyse blir kunnskapsgrunnlaget for planen."),
    "organisering": Element(
        "Organisering og medvirkning (aktørkartet)", "planprogram", (),
        "Planprogrammet skal gjøre rede for planprosessen med frister og deltakere og for opplegget for "
        "medvirkning (§ 4-1). Der avtaler dere hvem som er med, og hvordan."),
    "visjon": Element(
        "Visjon og mål", "plan", ("planstrategi",),
        "Visjonen og målene for næringsutviklingen hører hjemme i den regionale planen (§ 8-1). "
        "Planstrategien tar stilling til langsiktige utviklingsmål for hele regionen, men ikke i detalj."),
    "prioriteringer": Element(
        "Prioriteringene", "plan", (),
        "Prioriteringene er kjernen i den regionale planen. Planstrategien avgjør hvilke planer som skal lages "
        "(§ 7-1), og planen sier hva dere satser på. En regional plan skal legges til grunn av regionale organer, "
        "kommuner og staten i regionen (§ 8-2)."),
    "tiltak": Element(
        "Tiltak og ansvar", "handlingsprogram", (),
        "Til en regional plan skal det lages et handlingsprogram for gjennomføringen. Det vedtas av fylkestinget "
        "som regional planmyndighet og rulleres årlig (§ 8-1), så tiltakene kan justeres hvert år."),
    "indikatorer": Element(
        "Indikatorer og læring", "handlingsprogram", ("plan",),
        "Planen kan sette målene, men det er ved den årlige rulleringen av handlingsprogrammet (§ 8-1) at dere "
        "ser på indikatorene, lærer og justerer tiltakene."),
}


def parse_placements(placements, form, next_step) -> tuple[dict | None, list[str]]:
    errors = []
    if not isinstance(placements, dict):
        return None, ["Plasseringene må være et skjema med ett valg for hver del av arbeidet."]
    chosen = {key: collect(errors, choice, placements.get(key), PLACES, e.label) for key, e in ELEMENTS.items()}
    unknown = [str(k)[:40] for k in placements if k not in ELEMENTS]
    if unknown:
        errors.append(f"Ukjent del av arbeidet: {', '.join(unknown)}. Bruk delene i skjemaet.")
    form = collect(errors, choice, form, FORMS, "Plan eller strategi")
    next_step = collect(errors, clean_text, next_step, "Neste steg i ditt fylke", max_length=MAX_NEXT, required=False)
    return answer_or_errors({"placements": chosen, "form": form, "next_step": next_step}, errors)


def notes(answer: dict) -> list[str]:
    result, agree = [], 0
    for key, element in ELEMENTS.items():
        place = answer["placements"][key]
        if place == element.best:
            agree += 1
            result.append(f"{element.label}: {PLACES[place]}. Enig. {element.why}")
        elif place in element.also:
            agree += 1
            result.append(f"{element.label}: {PLACES[place]} kan også passe. Kurset ville lagt det i "
                          f"{PLACES[element.best].lower()}. {element.why}")
        else:
            result.append(f"{element.label}: du valgte {PLACES[place].lower()}. Vurder "
                          f"{PLACES[element.best].lower()} i stedet. {element.why}")
    result.insert(0, f"{agree} av {len(ELEMENTS)} plasseringer stemmer med kursets forslag. "
                     "Forslagene er kursets egne: fylkene organiserer planarbeidet ulikt.")
    if answer["form"] == "plan":
        result.append("Regional plan: loven har regler om prosess og medvirkning, og planen skal legges til grunn "
                      "for regionale organers virksomhet og for kommunal og statlig planlegging i regionen (§ 8-2). "
                      "Det gir forpliktelse, men krever en grundigere prosess.")
    else:
        result.append("Regional strategi: lovens regler om prosess og deltakelse for regionale planer gjelder ikke, "
                      "og heller ikke § 8-2. Kommunene og staten er ikke forpliktet til å legge strategien til grunn, "
                      "så forankringen må komme fra samarbeidet.")
    if not answer["next_step"]:
        result.append("Skriv gjerne neste steg i ditt fylke: når rulleres handlingsprogrammet, og når kommer "
                      "neste regionale planstrategi?")
    return result


def check_placements(placements, form, next_step) -> Feedback:
    answer, errors = parse_placements(placements, form, next_step)
    return Feedback(errors=errors) if errors else Feedback(notes=notes(answer))


def save_placements(workbook: Workbook, placements, form, next_step) -> Feedback:
    answer, errors = parse_placements(placements, form, next_step)
    if errors:
        return Feedback(errors=errors)
    workbook.put(Section.PLANNING, {"county": workbook.county, **answer})
    return Feedback(notes=notes(answer),
                    saved=f"Plasseringene er lagret i arbeidsboka ({workbook.path}).")


def saved_answer(workbook: Workbook) -> dict:
    saved = readers.planning(workbook)
    return {"placements": {k: v for k, v in saved.placements.items() if k in ELEMENTS and v in PLACES},
            "form": saved.form if saved.form in FORMS else "plan", "next_step": saved.next_step}
