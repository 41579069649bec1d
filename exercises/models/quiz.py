"""Exercise «Sjekk om du har forstått» (chapter Hva er smart spesialisering,
og hvorfor i Norge?).

A short multiple-choice quiz. As in otter-grader, every question gets its
own result, and the result says why: a right answer is confirmed with the
reason and its source, a wrong one is explained before the right reason is
given. Unanswered questions are left open (a learner may save half a quiz
and come back); an answer that is not one of the options is an error, and
nothing is saved until every error is fixed.
"""

from dataclasses import dataclass
from html import escape

from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.parsing import blank, choice
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.store import Workbook


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    options: dict[str, str]  # option key -> label shown to the learner
    right: str  # key of the right option
    why: str  # why the right option is right, with its source
    wrong: dict[str, str]  # key of each wrong option -> why it is not right
    table: tuple[tuple[str, ...], ...] = ()  # a table to read: header row first, cells as shown
    source: str = ""  # where the table's numbers come from

    def __post_init__(self):
        assert self.right in self.options and set(self.wrong) == set(self.options) - {self.right}
        assert not self.table or self.source


QUESTIONS = [
    Question(
        "metode", "Hva er smart spesialisering i KMDs veileder?",
        {"a": "Å finne de største næringene i fylket og satse mest på dem",
         "b": "En metode for regionalt differensiert næringspolitikk",
         "c": "En EU-ordning som gir norske fylker penger fra strukturfondene"},
        "b",
        "Smart spesialisering er en metode for regionalt differensiert næringspolitikk: ta utgangspunkt i "
        "regionens spesialiseringer, finn og utvikle nye nisjer der regionen kan bli konkurransedyktig, og "
        "prioriter innsatsen rundt dem (KMD 2018b).",
        {"a": "Metoden tar utgangspunkt i spesialiseringene regionen har, men målet er å finne og utvikle nye "
              "nisjer ut fra dem, ikke å satse mest på de næringene som er størst i dag (KMD 2018b).",
         "c": "Norske fylker får ikke midler fra EUs strukturfond, og de har ikke plikt til å lage en strategi "
              "for smart spesialisering (Stavangerregionens Europakontor 2018)."}),
    Question(
        "samfunnsutvikler", "Hva innebærer fylkeskommunens rolle som regional samfunnsutvikler?",
        {"a": "Ansvar for å skape en helhetlig og ønsket utvikling i egen region",
         "b": "Å velge ut de næringene som skal vinne, og gi dem støtte",
         "c": "Å lage planer etter plan- og bygningsloven; næringsutvikling er statens sak"},
        "a",
        "Slik beskrev KMD samfunnsutviklerrollen da utkastet til veilederen ble presentert i 2018 (KMD 2018b).",
        {"b": "Å «plukke ut vinnere» var en av svakhetene ved tidligere regionale strategier som smart "
              "spesialisering skal unngå. Det offentlige kan ikke gjennomføre en strategi alene; næringslivets "
              "engasjement er avgjørende (KMD 2018a).",
         "c": "Planene er ett av verktøyene, men rollen er bredere og omfatter næringsutvikling. Veilederen nevner "
              "blant annet å tilby analyser, legge til rette for dialog og samarbeid og vise tydelig hvorfor "
              "valgene blir som de blir (KMD 2018a)."}),
    Question(
        "melding", "Hvilken stortingsmelding var veilederen et tiltak i?",
        {"a": "Meld. St. 22 (2011–2012) Verktøy for vekst",
         "b": "EUs veileder for strategier for smart spesialisering (RIS3) fra 2012",
         "c": "Meld. St. 18 (2016–2017) Berekraftige byar og sterke distrikt"},
        "c",
        "Veilederen var et tiltak i Meld. St. 18 (2016–2017), etter et ønske fra fylkeskommunene i 2015 om at "
        "departementet skulle fremme smart spesialisering (KMD 2018b).",
        {"a": "Meld. St. 22 (2011–2012) handler om Innovasjon Norge og SIVA SF, og kom flere år før "
              "veilederen (Meld. St. 22 (2011–2012)).",
         "b": "Det er EUs veileder (Foray mfl. 2012), ikke en stortingsmelding. Du møter den i kapitlet "
              "«Smart spesialisering i Norge og EU»."}),
    Question(
        "forskjeller", "Hvorfor anbefaler regjeringen, OECD og EU å skreddersy næringspolitikken til hver region?",
        {"a": "Regionene har ulike forutsetninger og egne muligheter",
         "b": "Alle regioner bør satse på de samme vekstnæringene, så ingen henger etter",
         "c": "Næringspolitikk virker bare i de største byene"},
        "a",
        "Veilederen peker på at alle regioner har særegne muligheter og ulike forutsetninger, og at politikken "
        "bør utnytte disse forskjellene (KMD 2018a).",
        {"b": "Tvert imot: regioner som kopierte dem som gjorde det best, uten å ta hensyn til egne "
              "forutsetninger, var en av svakhetene ved tidligere strategier. Poenget er å utnytte forskjellene "
              "(KMD 2018a).",
         "c": "Veilederen er skrevet for fylkeskommunene i hele landet, og KMD har et mål om regional balanse "
              "(KMD 2018b)."}),
    Question(
        "oppdagelser", "Hvem gjør de entreprenørielle oppdagelsene?",
        {"a": "Fylkeskommunen, når analysene av tallene peker ut de nye nisjene",
         "b": "Entreprenører, bedrifter, forskere og investorer",
         "c": "EU-kommisjonen, som velger nisjer for hver region"},
        "b",
        "Det er aktørene som kan sette ideene ut i livet, som gjør oppdagelsene. Fylkeskommunen kan tilby analyser "
        "og legge til rette for dialog og samarbeid (KMD 2018a; KMD 2018b).",
        {"a": "Analysene er et utgangspunkt for dialog, men statistikk kan ikke finne nisjene. Dialogen skal både "
              "bekrefte og stille spørsmål ved analysene (KMD 2018a).",
         "c": "EU velger ikke nisjer for regionene. Prioriteringene er oppdagelser som aktørene i regionen selv ser "
              "muligheter i og velger å prøve ut (KMD 2018a)."}),
    Question(
        "fallgruver", "Hvilken felle fra tidligere regionale strategier vil smart spesialisering unngå?",
        {"a": "At regionene brukte for mye tid på å analysere mulighetene sine",
         "b": "At regionene ser for mye på omverdenen",
         "c": "At det offentlige prøver å «plukke ut vinnere»"},
        "c",
        "Da EU lanserte smart spesialisering i 2012, var det å «plukke ut vinnere» en av svakhetene ved tidligere "
        "regionale strategier som EU ville lære av (KMD 2018a).",
        {"a": "Det var omvendt: analysen av regionens muligheter og fortrinn var ofte for svak, og det var lett "
              "å legge mest vekt på utfordringene (KMD 2018a).",
         "b": "Det var omvendt: regionene ble ofte vurdert isolert fra omverdenen, uten et nasjonalt eller "
              "internasjonalt perspektiv (KMD 2018a)."}),
    Question(
        "elementer", "Hvilket av disse er ikke ett av de seks elementene i veilederen?",
        {"a": "Organisere",
         "b": "Søke om midler fra EUs strukturfond",
         "c": "Måle og lære"},
        "b",
        "De seks elementene er organisere, analysere, visjon og mål, prioritere, gjennomføre og måle og lære, og "
        "rekkefølgen er ikke fast (KMD 2018a).",
        {"a": "Organisere er ett av de seks elementene: hvem som skal være med, og hvordan arbeidet styres.",
         "c": "Måle og lære er ett av de seks elementene. Veilederen sier at det godt kunne stått først "
              "(KMD 2018a)."}),
    Question(
        "lq_tabell", "Tabellen viser tre næringer i Rogaland i 2019. LQ (lokaliseringskvotienten) er næringens "
        "andel av de sysselsatte i fylket delt på andelen i alle fylkene samlet; du lærer mer om den i neste "
        "kapittel. Hva kan du lese av tabellen?",
        {"a": "Helse og omsorg betyr lite for Rogaland, fordi LQ er under 1",
         "b": "Andelen i tjenester til olje og gass er over sju ganger andelen i fylkene samlet",
         "c": "Olje- og gassnæringene sysselsetter flest, fordi LQ er høyest der"},
        "b",
        "LQ 7,64 betyr at andelen i Rogaland (7,6 %) er 7,64 ganger andelen i fylkene samlet. LQ viser hvor "
        "spesialisert fylket er i en næring, ikke hvor stor næringen er (SSB, tabell 11713; egne beregninger).",
        {"a": "Helse og omsorg er den største av de tre, med 49 500 sysselsatte og 18,5 % av de sysselsatte i "
              "fylket. LQ under 1 betyr bare at andelen er litt mindre enn i fylkene samlet, ikke at næringen "
              "betyr lite.",
         "c": "Les kolonnen med sysselsatte: de to olje- og gassnæringene har til sammen 29 800, helse og "
              "omsorg 49 500. En høy LQ sier at andelen er stor sammenlignet med andre fylker, ikke at næringen "
              "er stor."},
        table=(("Næring", "Sysselsatte (tusen)", "Andel i fylket", "LQ"),
               ("Tjenester tilknyttet utvinning av råolje og naturgass", "20,2", "7,6 %", "7,64"),
               ("Utvinning av råolje og naturgass", "9,6", "3,6 %", "6,32"),
               ("Helse- og omsorgstjenester", "49,5", "18,5 %", "0,88")),
        source="Kilde: Statistisk sentralbyrå (SSB), tabell 11713, 2019, lisens CC BY 4.0. Andelene er regnet av "
               "fylkets publiserte total, LQ mot summen av fylkene (egne beregninger)."),
]
BY_KEY = {q.key: q for q in QUESTIONS}


@dataclass(frozen=True)
class Mark:
    """The result for one question; ``correct`` is None when it is unanswered."""
    question: str
    answer: str | None
    correct: bool | None
    text: str


@dataclass
class QuizResult:
    feedback: Feedback  # errors, a summary and whether it was saved
    marks: list[Mark]  # one per question, in order; empty when there are errors


def parse_answers(answers) -> tuple[dict[str, str | None], list[str]]:
    """The learner's option for each question (None if unanswered), given
    as option keys or labels, and the messages for what is wrong."""
    if not isinstance(answers, dict):
        return {}, ["Svarene må komme fra skjemaet, ett valg per spørsmål."]
    errors = [f"Ukjent spørsmål: «{str(k)[:40]}». Bruk spørsmålene i skjemaet." for k in answers if k not in BY_KEY]
    parsed = {}
    for number, question in enumerate(QUESTIONS, start=1):
        value = answers.get(question.key)
        if blank(value):
            parsed[question.key] = None
            continue
        try:
            parsed[question.key] = choice(value, question.options, f"Spørsmål {number}")
        except InputError as error:
            errors.append(str(error))
    if not errors and all(v is None for v in parsed.values()):
        errors.append("Du har ikke svart på noen av spørsmålene ennå. Velg ett svar på hvert spørsmål.")
    return parsed, errors


def mark(question: Question, answer: str | None) -> Mark:
    if answer is None:
        return Mark(question.key, None, None, "Ikke besvart ennå.")
    if answer == question.right:
        return Mark(question.key, answer, True, f"Riktig. {question.why}")
    return Mark(question.key, answer, False,
                f"Ikke riktig. {question.wrong[answer]} Riktig svar: «{question.options[question.right]}». "
                f"{question.why}")


def mark_html(m: Mark) -> str:
    """The result under a question; the words, not only the colour or sign, say right or wrong."""
    sign = {True: "✔", False: "✘", None: "–"}[m.correct]
    return f'<div class="kurs-tilbakemelding" role="status"><p>{sign} {escape(m.text)}</p></div>'


def summary(marks: list[Mark]) -> list[str]:
    right = sum(m.correct is True for m in marks)
    open_ = sum(m.correct is None for m in marks)
    line = f"Du har {right} av {len(marks)} riktige."
    if open_:
        line += f" {open_} spørsmål er ikke besvart ennå."
    if right == len(marks):
        return [line + f" Godt jobbet. Neste kapittel er {Section.SPECIALISATION.chapter}."]
    return [line, "Les forklaringen under hvert spørsmål. Du kan endre svarene og sjekke på nytt så mange "
                  "ganger du vil; det siste du lagrer, står i arbeidsboka."]


def check_quiz(answers) -> QuizResult:
    parsed, errors = parse_answers(answers)
    if errors:
        return QuizResult(Feedback(errors=errors), [])
    marks = [mark(q, parsed[q.key]) for q in QUESTIONS]
    return QuizResult(Feedback(notes=summary(marks)), marks)


def save_quiz(workbook: Workbook, answers) -> QuizResult:
    """Check the answers and, if none is invalid, save them with the score."""
    result = check_quiz(answers)
    if not result.feedback.ok:
        return result
    workbook.put(Section.QUIZ, {
        "answers": {m.question: m.answer for m in result.marks},
        "score": sum(m.correct is True for m in result.marks),
        "answered": sum(m.answer is not None for m in result.marks),
        "total": len(QUESTIONS),
    })
    result.feedback.saved = f"Svarene og poengsummen er lagret i arbeidsboka ({workbook.path})."
    return result


def saved_answers(workbook: Workbook) -> dict[str, str]:
    """The saved answers that are still options of their question."""
    return {k: v for k, v in readers.quiz_answers(workbook).items() if k in BY_KEY and v in BY_KEY[k].options}
