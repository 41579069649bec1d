"""View for «Velg fylke og rolle»."""

import ipywidgets as w

from exercises.data.counties import default_county
from exercises.models.profile import HELIX_OPTIONS, ROLES, save_profile
from exercises.views.common import (
    LABEL_STYLE,
    WIDE,
    ExerciseView,
    county_dropdown,
    dropdown,
    save_button,
    show_feedback,
)
from exercises.workbook.readers import profile
from exercises.workbook.store import Workbook


class ProfileView(ExerciseView):
    def __init__(self, regions: dict[str, str], workbook: Workbook | None = None):
        self.regions = regions
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(regions, default_county(regions, self.workbook.county))
        saved = profile(self.workbook)
        self.role = w.Dropdown(options=ROLES, value=saved.role if saved.role in ROLES else ROLES[0],
                               description="Rolle", style=LABEL_STYLE, layout=WIDE)
        self.helix = dropdown(HELIX_OPTIONS, saved.helix, "Kommer fra")
        self.button = save_button("Lagre")
        self.feedback = w.HTML()
        self.lay_out(self.county, self.role, w.HTML(
            "<p>På en workshop: velg hvilken del av den firedelte heliksen du kommer fra (næringsliv, forskning og "
            "utdanning, offentlig sektor eller sivilsamfunn). Da ser kursholderen hvor enige deltakerne fra hver del "
            "er. Velg «Ikke oppgitt» hvis du ikke vil si det.</p>"), self.helix)

    def on_save(self, _=None):
        show_feedback(self.feedback, save_profile(self.workbook, self.regions,
                                                  self.county.value, self.role.value, self.helix.value))
