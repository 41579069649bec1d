"""The sections of the workbook, and the chapter that fills each."""

# workbook section -> the chapter that fills it (Norwegian titles)
CHAPTERS = {
    "profil": "Velkommen",
    "spesialisering": "Region og spesialisering",
    "nisjer": "Beslektet mangfold og entreprenørielle oppdagelser",
    "analyse": "Analysere",
    "aktorer": "Organisere",
    "visjon": "Visjon og mål",
    "prioriteringer": "Prioritere",
    "tiltak": "Gjennomføre",
    "indikatorer": "Måle og lære",
    "plan": "Smart spesialisering og plan- og bygningsloven",
    "quiz": "Hva er smart spesialisering, og hvorfor i Norge?",
    "roller": "Fylkeskommunens roller",
    "rollevurdering": "Fylkeskommunens roller",
    "eu_kriterier": "Smart spesialisering i Norge og EU",
    "workshop": "For lærere og workshopledere",
}


def chapter(section: str) -> str:
    """«Title» of the chapter that fills ``section``, quoted for a sentence."""
    return f"«{CHAPTERS[section]}»"
