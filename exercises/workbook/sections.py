"""The sections of the workbook, and the chapter that fills each.

Every section name the course uses comes from :class:`Section`. Its members
are strings (``Section.ANALYSIS == "analyse"``), so they are the JSON keys
of the workbook file exactly as before; a workbook saved by an older
version of the course reads the same.
"""

from enum import StrEnum


class Section(StrEnum):
    """A workbook section; ``chapter_title`` is the chapter that fills it."""

    def __new__(cls, value: str, chapter_title: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.chapter_title = chapter_title
        return member

    PROFILE = "profil", "Velkommen"
    SPECIALISATION = "spesialisering", "Region og spesialisering"
    NICHES = "nisjer", "Beslektet mangfold og entreprenørielle oppdagelser"
    ANALYSIS = "analyse", "Analysere"
    STAKEHOLDERS = "aktorer", "Organisere"
    VISION = "visjon", "Visjon og mål"
    PRIORITIES = "prioriteringer", "Prioritere"
    ACTIONS = "tiltak", "Gjennomføre"
    INDICATORS = "indikatorer", "Måle og lære"
    PLANNING = "plan", "Smart spesialisering og plan- og bygningsloven"
    QUIZ = "quiz", "Hva er smart spesialisering, og hvorfor i Norge?"
    SELF_ASSESSMENT = "roller", "Fylkeskommunens roller"
    ROLES = "rollevurdering", "Fylkeskommunens roller"
    EU_CRITERIA = "eu_kriterier", "Smart spesialisering i Norge og EU"
    WORKSHOP = "workshop", "For lærere og workshopledere"

    @property
    def chapter(self) -> str:
        """«Title» of the chapter that fills this section, quoted for a sentence."""
        return f"«{self.chapter_title}»"
