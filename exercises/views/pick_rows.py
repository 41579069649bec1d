"""Rows of «industry + reason» used by every exercise that asks for picks."""

import ipywidgets as w

from exercises.views.common import LABEL_STYLE, WIDE

EMPTY = ("— velg næring —", "")


class PickRows:
    def __init__(self, industries: dict[str, str], count: int, placeholder: str, label: str = "Valg"):
        options = [EMPTY] + sorted((name, code) for code, name in industries.items())
        self.picks = [w.Dropdown(options=options, value="", description=f"{label} {n}",
                                 style=LABEL_STYLE, layout=WIDE) for n in range(1, count + 1)]
        self.reasons = [w.Textarea(placeholder=placeholder, description="Begrunnelse", style=LABEL_STYLE,
                                   layout=w.Layout(width="min(100%, 40rem)", height="3.5rem"))
                        for _ in range(count)]
        self.widget = w.VBox([w.VBox([p, r]) for p, r in zip(self.picks, self.reasons)])

    def values(self) -> list[tuple[str, str]]:
        return [(p.value, r.value) for p, r in zip(self.picks, self.reasons)]

    def fill(self, saved) -> None:
        """Show saved picks (objects with .industry and .reason); clear the rest."""
        for n, (pick, reason) in enumerate(zip(self.picks, self.reasons)):
            known = n < len(saved) and saved[n].industry in dict(pick.options).values()
            pick.value = saved[n].industry if known else ""
            reason.value = saved[n].reason if n < len(saved) else ""
