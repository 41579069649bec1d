"""View for «Velg fylke og rolle»."""

import ipywidgets as w

from exercises.data.counties import default_county
from exercises.models.profile import ROLES, save_profile
from exercises.views.common import LABEL_STYLE, WIDE, ExerciseView, county_dropdown, save_button, show_feedback
from exercises.workbook.readers import profile
from exercises.workbook.store import Workbook


class ProfileView(ExerciseView):
    def __init__(self, regions: dict[str, str], workbook: Workbook | None = None):
        self.regions = regions
        self.workbook = workbook or Workbook()
        self.county = county_dropdown(regions, default_county(regions, self.workbook.county))
        role = profile(self.workbook).role
        self.role = w.Dropdown(options=ROLES, value=role if role in ROLES else ROLES[0],
                               description="Rolle", style=LABEL_STYLE, layout=WIDE)
        self.button = save_button("Lagre")
        self.feedback = w.HTML()
        self.lay_out(self.county, self.role)

    def on_save(self, _=None):
        show_feedback(self.feedback, save_profile(self.workbook, self.regions,
                                                  self.county.value, self.role.value))
