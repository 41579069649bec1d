"""View for «Indikatorer for hver prioritering» (chapter Måle og lære)."""

from exercises.models.monitoring import FIELDS, LEVELS, MAX_ASSUMPTION, MAX_INDICATORS, MonitoringExercise
from exercises.views.common import PerPriorityView, dropdown, heading, row, text_input
from exercises.workbook.store import Workbook

PLACEHOLDERS = {"name": "Hva måles, med enhet", "baseline": "Tall", "baseline_year": "År",
                "target": "Tall", "target_year": "År", "source": "For eksempel SSB, tabell 11713"}
LABELS = {"name": "Indikator", "baseline": "Utgangsverdi", "baseline_year": "i år",
          "target": "Mål", "target_year": "innen år", "source": "Kilde"}
WIDTHS = {"name": "24rem", "baseline": "12rem", "baseline_year": "8rem", "target": "12rem",
          "target_year": "10rem", "source": "24rem"}


class MonitoringView(PerPriorityView):
    def __init__(self, workbook: Workbook | None = None):
        workbook = workbook or Workbook()
        exercise = MonitoringExercise(workbook)
        self.assumption = text_input("Antakelse", "Hvis vi gjør …, fører det til …, som gir …, fordi … "
                                                  f"(høyst {MAX_ASSUMPTION} tegn)", lines=3)
        self.fields = []
        form = [self.assumption]
        for n in range(MAX_INDICATORS):
            fields = {f: text_input(LABELS[f], PLACEHOLDERS[f], width=WIDTHS[f]) for f in PLACEHOLDERS}
            fields["level"] = dropdown(LEVELS, "", "Nivå i logikkmodellen", width="22rem")
            self.fields.append(fields)
            form.append(heading(f"Indikator {n + 1}"))
            form += [row(fields["name"], fields["level"]), row(fields["baseline"], fields["baseline_year"]),
                     row(fields["target"], fields["target_year"]), fields["source"]]
        super().__init__(exercise, workbook, form)

    def fill(self, priority: str) -> None:
        assumption, saved = self.exercise.saved_answer(self.workbook, priority) if priority else ("", [])
        self.assumption.value = assumption
        for n, fields in enumerate(self.fields):
            indicator = saved[n] if n < len(saved) else {}
            for f, widget in fields.items():
                if f == "level":
                    widget.value = indicator.get(f) if indicator.get(f) in LEVELS else next(iter(LEVELS))
                else:
                    widget.value = _as_text(indicator.get(f))

    def answer(self) -> tuple:
        return [{f: fields[f].value for f in FIELDS} for fields in self.fields], self.assumption.value


def _as_text(value) -> str:
    """A saved value back in the form: 1200.0 → «1200», 12.5 → «12,5»."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value).replace(".", ",")
    return "" if value is None else str(value)
