"""Exercise «Egenvurdering» (chapter Fylkeskommunens roller).

The learner scores their county's work on each of the six elements of
KMD's guide from 0 to 5, on the scale of EU's RIS3 self-assessment wheel
(0 no information, 1 poor, 2 to be improved, 3 fair, 4 strong,
5 excellent), and sees the scores as a radar chart ("spider graph").
Feedback names the weakest elements and the chapter that helps with each.
The scores are the learner's own judgement, and every output says so.
"""

from dataclasses import dataclass

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.numbers import number
from exercises.core.parsing import answer_or_errors, blank, choice, collect, listing
from exercises.core.text import clean_text
from exercises.data.provenance import OwnWork
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

MAX_COMMENT = 500
SCALE = {0: "Ingen informasjon", 1: "Svak", 2: "Bør forbedres", 3: "Middels", 4: "Sterk", 5: "Utmerket"}
OWN = OwnWork("Kilde: din egen vurdering, lagret i arbeidsboka. Poengene er ditt eget skjønn, ikke en måling. "
              "Skalaen 0–5 er fra EUs egenvurderingshjul for RIS3 (S3 Platform).")


@dataclass(frozen=True)
class Element:
    label: str
    section: Section  # the workbook section whose chapter helps with this element
    question: str


ELEMENTS = {
    "organisere": Element("Organisere", Section.STAKEHOLDERS,
                          "Er de rette aktørene fra alle fire trådene med, og er det klart hvem som styrer arbeidet?"),
    "analysere": Element("Analysere", Section.ANALYSIS,
                         "Finnes det en oppdatert analyse av fylkets styrker og muligheter, og blir den drøftet "
                         "med aktørene?"),
    "visjon": Element("Visjon og mål", Section.VISION,
                      "Har fylket en felles visjon, og mål med tall og år?"),
    "prioritere": Element("Prioritere", Section.PRIORITIES,
                          "Er det valgt få prioriteringer, med begrunnelse og aktører som vil drive dem?"),
    "gjennomfore": Element("Gjennomføre", Section.ACTIONS,
                           "Har prioriteringene tiltak, ansvarlige og en blanding av virkemidler?"),
    "male": Element("Måle og lære", Section.INDICATORS,
                    "Følges arbeidet opp med indikatorer, og justerer dere underveis?"),
}


def parse_assessment(scores, comment) -> tuple[dict | None, list[str]]:
    """Scores 0–5 (numbers or scale labels) for every element, and an
    optional comment; or the messages for what is wrong."""
    if not isinstance(scores, dict):
        return None, ["Poengene må komme fra skjemaet, ett tall 0–5 for hvert element."]
    errors = [f"Ukjent element: «{str(k)[:40]}». Bruk elementene i skjemaet." for k in scores if k not in ELEMENTS]
    parsed = {key: collect(errors, _score, scores.get(key), element.label) for key, element in ELEMENTS.items()}
    comment = collect(errors, clean_text, comment, "Hva bygger vurderingen på", max_length=MAX_COMMENT, required=False)
    return answer_or_errors({"scores": parsed, "comment": comment}, errors)


def _score(value, label: str) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if blank(value):
        raise InputError(f"{label}: velg et tall fra 0 til 5.")
    return choice(value, SCALE, label)


def weakest(scores: dict[str, int]) -> list[str]:
    """The elements with the lowest score (none if every score is 5)."""
    low = min(scores.values())
    return [] if low == 5 else [k for k, v in scores.items() if v == low]


def notes(answer: dict) -> list[str]:
    scores = answer["scores"]
    mean = sum(scores.values()) / len(scores)
    result = [f"Gjennomsnittet er {number(mean, 1)} av 5. Poengene er ditt eget skjønn, ikke en måling."]
    low = weakest(scores)
    if low and len(low) < len(scores):
        result.append(f"Svakest: {listing(ELEMENTS[k].label for k in low)} "
                      f"({scores[low[0]]}, {SCALE[scores[low[0]]].lower()}). Begynn gjerne der.")
        for key in low:
            result.append(f"{ELEMENTS[key].label}: kapitlet {ELEMENTS[key].section.chapter} gir deg verktøy "
                          f"for dette. {ELEMENTS[key].question}")
    elif low:
        result.append("Alle elementene har samme poeng. Hjulet er mest nyttig når det viser hvor dere er sterkest "
                      "og svakest. Se på elementene igjen: er noen av dem likevel litt bedre eller svakere?")
    unknown = [ELEMENTS[k].label for k, v in scores.items() if v == 0]
    if unknown:
        result.append(f"Du har gitt 0 (ingen informasjon) på {listing(unknown)}. Finn ut hva som finnes, for "
                      "eksempel i den regionale planstrategien og handlingsprogrammet, og vurder på nytt.")
    if min(scores.values()) >= 4:
        result.append("Høye poeng overalt. Spør kolleger og aktører utenfor fylkeskommunen om de er enige: "
                      "hjulet er laget både for egenvurdering og for vurdering fra andre.")
    if not answer["comment"]:
        result.append("Skriv gjerne hva vurderingen bygger på, så kan du og andre se hvorfor du ga poengene.")
    return result


def check_assessment(scores, comment) -> Feedback:
    answer, errors = parse_assessment(scores, comment)
    return Feedback(errors=errors) if errors else Feedback(notes=notes(answer))


def save_assessment(workbook: Workbook, scores, comment) -> Feedback:
    """Check the scores and, if there is nothing to fix, save them."""
    answer, errors = parse_assessment(scores, comment)
    if errors:
        return Feedback(errors=errors)
    workbook.put(Section.SELF_ASSESSMENT, {"county": workbook.county, **answer})
    return Feedback(notes=notes(answer), saved=f"Egenvurderingen er lagret i arbeidsboka ({workbook.path}).")


def saved_assessment(workbook: Workbook) -> dict | None:
    """The saved scores and comment, or None if nothing complete is saved."""
    saved = readers.assessment(workbook, Section.SELF_ASSESSMENT)
    answer, errors = parse_assessment(saved.answers, saved.comment)
    return None if errors else answer


def score_text(key: str, score: int) -> str:
    return f"{ELEMENTS[key].label} {score} ({SCALE[score].lower()})"
