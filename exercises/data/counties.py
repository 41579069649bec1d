"""The 15 counties of 2024 and how the 19 counties before 2020 map onto them."""

from exercises.core.errors import InputError

COUNTIES_2024 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "31": "Østfold",
    "32": "Akershus",
    "33": "Buskerud",
    "34": "Innlandet",
    "39": "Vestfold",
    "40": "Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": "Trøndelag",
    "55": "Troms",
    "56": "Finnmark",
}

DEFAULT_COUNTY = "18"  # Nordland: early with smart specialisation, used in KMD's guide; the one default


def default_county(regions: dict[str, str], chosen=None) -> str:
    """The county to show: the learner's choice if the data has it, else
    Nordland, else (the fictional data) the first region."""
    if chosen in regions:
        return chosen
    return DEFAULT_COUNTY if DEFAULT_COUNTY in regions else next(iter(regions))


# Counties before 2020 (and Trøndelag, 50, from 2018) -> county of 2024.
# Approximate: a few municipalities changed county in 2020 and 2024.
OLD_TO_2024 = {
    "01": "31", "02": "32", "03": "03", "04": "34", "05": "34", "06": "33",
    "07": "39", "08": "40", "09": "42", "10": "42", "11": "11", "12": "46",
    "14": "46", "15": "15", "16": "50", "17": "50", "50": "50", "18": "18",
    "19": "55", "20": "56",
    # a source that already uses the counties of 2024
    "31": "31", "32": "32", "33": "33", "34": "34", "39": "39", "40": "40", "42": "42",
    "46": "46", "55": "55", "56": "56",
}

OLD_COUNTIES = {
    "01": "Østfold", "02": "Akershus", "03": "Oslo", "04": "Hedmark", "05": "Oppland",
    "06": "Buskerud", "07": "Vestfold", "08": "Telemark", "09": "Aust-Agder", "10": "Vest-Agder",
    "11": "Rogaland", "12": "Hordaland", "14": "Sogn og Fjordane", "15": "Møre og Romsdal",
    "16": "Sør-Trøndelag", "17": "Nord-Trøndelag", "50": "Trøndelag", "18": "Nordland",
    "19": "Troms", "20": "Finnmark",
}



def old_parts(county_2024: str) -> list[set[str]]:
    """The ways a source may give a 2024 county in one year: the old counties
    that together make it up, or the county itself. Trøndelag is either its
    two old halves (to 2017) or itself (from 2018)."""
    if county_2024 == "50":
        return [{"16", "17"}, {"50"}]
    old = {code for code, new in OLD_TO_2024.items() if new == county_2024 and code != county_2024}
    return [old, {county_2024}] if old else [{county_2024}]


def county_name(code: str) -> str:
    return OLD_COUNTIES.get(code) or COUNTIES_2024.get(code, code)


def resolve_region(value, regions: dict[str, str]) -> str:
    """Return the code of a region given as code ("46"), name ("Vestland")
    or both ("46 Vestland"). ``regions`` maps code -> name.

    Raises InputError with a Norwegian message for anything else.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"Fylket må oppgis som tekst, for eksempel «46 Vestland», ikke {type(value).__name__}.")
    text = " ".join(value.split())
    if not text:
        raise InputError("Velg et fylke fra lista.")
    by_name = {name.casefold(): code for code, name in regions.items()}
    code, _, rest = text.partition(" ")
    if code in regions and (not rest or rest.casefold() == regions[code].casefold()):
        return code
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    choices = ", ".join(f"{c} {n}" for c, n in regions.items())
    raise InputError(f"Ukjent fylke: «{text[:60]}». Velg ett av disse: {choices}.")
