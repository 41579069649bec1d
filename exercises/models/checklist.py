"""Two exercises that check the learner's county against a list, item by
item, with where the evidence is written:

- «Sjekk fylkeskommunens strategi mot EUs sju kriterier» (chapter Smart
  spesialisering i Norge og EU): the seven fulfilment criteria of the
  2021–2027 enabling condition «good governance of national or regional
  smart specialisation strategy» (Regulation (EU) 2021/1060, Annex IV).
- «Vurder fylkeskommunens roller» (chapter Fylkeskommunens roller): the
  nine roles that KMD's guide (2018) gives the county.

The model is pure: it parses the learner's answers, gives feedback and
saves through ``Workbook.put``. Every answer is the learner's own judgement,
and the feedback says so; it points to the chapter that helps with each
item the county lacks. Every item must be answered («Vet ikke» is an
answer); a status that does not apply to an item is an error that says why.
"""

from dataclasses import dataclass

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.parsing import answer_or_errors, blank, choice, collect
from exercises.core.text import clean_text
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook

MAX_EVIDENCE = 200
MAX_COMMENT = 500


@dataclass(frozen=True)
class Item:
    label: str  # short name, shown in the form and in the feedback
    question: str  # what to look for in the county's documents
    helps: Section  # the workbook section whose chapter helps
    optional: bool = False  # may be «not relevant» for some counties


@dataclass(frozen=True)
class Checklist:
    section: Section  # workbook section
    what: str  # «kriteriene», «rollene»: used in messages
    items: dict[str, Item]
    scale: dict[str, str]  # status key -> label shown
    good: str  # the status that means «in place»
    partly: str
    missing: str
    unknown: str
    not_relevant: str | None = None
    evidence_label: str = "Hvor står det"

    # parsing ---------------------------------------------------------------
    def parse(self, statuses, evidence=None, comment="") -> tuple[dict | None, list[str]]:
        """The learner's status and evidence for every item and an optional
        comment; or the messages for what is wrong."""
        if not isinstance(statuses, dict):
            return None, [f"Svarene må komme fra skjemaet, ett valg for hvert av {self.what}."]
        evidence = {} if evidence is None else evidence
        if not isinstance(evidence, dict):
            return None, ["Feltene «Hvor står det?» må komme fra skjemaet."]
        errors = [f"Ukjent punkt: «{str(k)[:40]}». Bruk punktene i skjemaet." for k in statuses if k not in self.items]
        if all(blank(statuses.get(k)) for k in self.items):
            return None, errors + [f"Du har ikke vurdert noen av {self.what} ennå. Velg et svar for hvert punkt; "
                                   f"velg «{self.scale[self.unknown]}» der du ikke har funnet det ut."]
        answers = {key: collect(errors, self._answer, item, statuses.get(key), evidence.get(key))
                   for key, item in self.items.items()}
        comment = collect(errors, clean_text, comment, "Kommentar", max_length=MAX_COMMENT, required=False)
        return answer_or_errors({"answers": answers, "comment": comment}, errors)

    def _answer(self, item: Item, status, evidence) -> dict:
        status = choice(status, self.scale, item.label)
        if status == self.not_relevant and not item.optional:
            raise InputError(f"{item.label}: «{self.scale[status]}» kan bare brukes der det står «der det er "
                             f"relevant». Dette punktet gjelder alle. Velg et annet svar.")
        note = clean_text(evidence, f"{item.label}, {self.evidence_label.lower()}", max_length=MAX_EVIDENCE,
                          required=False)
        return {"status": status, "evidence": note}

    # feedback ----------------------------------------------------------------
    def labels(self, answers: dict, status: str) -> list[str]:
        return [self.items[k].label for k, a in answers.items() if a["status"] == status]

    def notes(self, answer: dict) -> list[str]:
        answers = answer["answers"]
        relevant = [k for k, a in answers.items() if a["status"] != self.not_relevant]
        good = self.labels(answers, self.good)
        notes = [f"{len(good)} av {len(relevant)} {self.what} er på plass etter din vurdering. "
                 "Det er ditt eget skjønn, ikke en godkjenning."]
        gaps = [k for k in relevant if answers[k]["status"] in (self.missing, self.partly)]
        if gaps:
            lines = [f"{self.items[k].label} ({self.scale[answers[k]['status']].lower()}): se kapitlet "
                     f"{self.items[k].helps.chapter}" for k in gaps]
            notes.append("Dette mangler helt eller delvis: " + "; ".join(lines) + ".")
        unsupported = [self.items[k].label for k in relevant
                       if answers[k]["status"] == self.good and not answers[k]["evidence"]]
        if unsupported:
            notes.append(f"Du har svart «{self.scale[self.good]}» uten å si hvor det står, for: "
                         + "; ".join(unsupported) + ". Skriv hvilket dokument som viser det, for eksempel "
                         "planstrategien, en regional plan eller handlingsprogrammet. Uten dokument er det en "
                         "påstand, ikke en vurdering andre kan sjekke.")
        unknown = self.labels(answers, self.unknown)
        if unknown:
            notes.append("Du vet ikke ennå om dette finnes: " + "; ".join(unknown) + ". Let i den regionale "
                         "planstrategien og handlingsprogrammet, eller spør den som har ansvaret, og vurder på nytt.")
        if relevant and len(good) == len(relevant):
            notes.append("Alt er på plass etter din vurdering. Be noen utenfor fylkeskommunen om å gjøre den "
                         "samme sjekken: er de enige?")
        if not answer["comment"]:
            notes.append("Skriv gjerne en kommentar om hva du har sett på, så kan du og andre se hva "
                         "vurderingen bygger på.")
        return notes

    # the exercise ------------------------------------------------------------
    def check(self, statuses, evidence=None, comment="") -> Feedback:
        answer, errors = self.parse(statuses, evidence, comment)
        return Feedback(errors=errors) if errors else Feedback(notes=self.notes(answer))

    def save(self, workbook: Workbook, statuses, evidence=None, comment="") -> Feedback:
        """Check the answers and, if there is nothing to fix, save them."""
        answer, errors = self.parse(statuses, evidence, comment)
        if errors:
            return Feedback(errors=errors)
        workbook.put(self.section, {"county": workbook.county, **answer})
        return Feedback(notes=self.notes(answer), saved=f"Vurderingen er lagret i arbeidsboka ({workbook.path}).")

    def saved(self, workbook: Workbook) -> dict | None:
        """The saved answers and comment, or None if nothing complete is saved."""
        saved = readers.assessment(workbook, self.section)
        statuses = {k: a.get("status") for k, a in saved.answers.items()}
        evidence = {k: a.get("evidence") for k, a in saved.answers.items()}
        answer, errors = self.parse(statuses, evidence, saved.comment)
        return None if errors else answer


EU_CRITERIA = Checklist(
    section=Section.EU_CRITERIA, what="kriteriene",
    scale={"ja": "Oppfylt", "delvis": "Delvis oppfylt", "nei": "Ikke oppfylt", "vet_ikke": "Vet ikke",
           "ikke_relevant": "Ikke relevant"},
    good="ja", partly="delvis", missing="nei", unknown="vet_ikke", not_relevant="ikke_relevant",
    items={
        "analyse": Item("1 Oppdatert analyse",
                        "Finnes det en oppdatert analyse av hva som hindrer spredning av innovasjon, også "
                        "digitalisering?", Section.ANALYSIS),
        "ansvar": Item("2 Ansvarlig organ",
                       "Er det en kompetent regional eller nasjonal institusjon eller et organ som har ansvaret "
                       "for å styre strategien?", Section.STAKEHOLDERS),
        "overvaking": Item("3 Overvåking og evaluering",
                           "Finnes det verktøy for overvåking og evaluering som måler hvor langt strategien er "
                           "kommet mot målene?", Section.INDICATORS),
        "samarbeid": Item("4 Samarbeid med aktørene",
                          "Fungerer samarbeidet med aktørene, den entreprenørielle oppdagelsesprosessen?",
                          Section.NICHES),
        "system": Item("5 Tiltak for forsknings- og innovasjonssystemet",
                       "Har strategien tiltak som forbedrer det regionale forsknings- og innovasjonssystemet?",
                       Section.ACTIONS),
        "omstilling": Item("6 Industriell omstilling (der det er relevant)",
                           "Har strategien tiltak for å støtte industriell omstilling, der det er relevant for "
                           "fylket?", Section.ACTIONS, optional=True),
        "utland": Item("7 Samarbeid utenfor landet",
                       "Har strategien tiltak for å styrke samarbeidet med partnere utenfor landet innenfor de "
                       "prioriterte områdene, for eksempel navngitte partnere, Interreg- eller Horisont Europa-"
                       "prosjekter eller europeiske nettverk?", Section.ACTIONS),
    })

ROLES = Checklist(
    section=Section.ROLES, what="rollene", evidence_label="Eksempel",
    scale={"godt": "Gjør vi godt", "delvis": "Gjør vi delvis", "nei": "Gjør vi ikke", "vet_ikke": "Vet ikke"},
    good="godt", partly="delvis", missing="nei", unknown="vet_ikke",
    items={
        "analyser": Item("1 Tilby analyser",
                         "Tilbyr fylkeskommunen analyser av regionens ressurser, muligheter, fortrinn og "
                         "utfordringer?", Section.ANALYSIS),
        "dialog": Item("2 Legge til rette for dialog",
                       "Får fylkeskommunen med ulike grupper av aktører, og legger den til rette for dialog og "
                       "samarbeid mellom dem?", Section.STAKEHOLDERS),
        "apent": Item("3 Diskutere åpent",
                      "Diskuteres muligheter og problemer åpent, og bygger fylkeskommunen på deltakernes forslag "
                      "i stedet for å ha løsningene klare?", Section.STAKEHOLDERS),
        "sjanser": Item("4 Ta sjanser",
                        "Prioriterer fylkeskommunen utviklingsveier som ikke sikkert fører fram?", Section.PRIORITIES),
        "stotte": Item("5 Støtte nye muligheter",
                       "Støtter fylkeskommunen nye muligheter aktivt, for eksempel med investeringer, tiltak og "
                       "virkemidler eller strategiske allianser?", Section.ACTIONS),
        "laere": Item("6 Følge med, lære og evaluere",
                      "Deltar fylkeskommunen i, følger med på, lærer av og evaluerer aktivitetene og tiltakene?",
                      Section.INDICATORS),
        "informere": Item("7 Informere og begrunne",
                          "Informeres et bredt publikum, og er det tydelig hvorfor valgene og prioriteringene blir "
                          "som de blir?", Section.PRIORITIES),
        "vise_fram": Item("8 Vise fram regionen",
                          "Viser fylkeskommunen fram regionens potensial og posisjon, nasjonalt og internasjonalt?",
                          Section.EU_CRITERIA),
        "blikk": Item("9 Nasjonale og internasjonale blikk",
                      "Bringer fylkeskommunen inn nasjonale og internasjonale blikk på utviklingen?",
                      Section.EU_CRITERIA),
    })
