"""Checking what a learner types: one place for the rules and the messages."""


class InputError(ValueError):
    """Bad input from the learner. The message is Norwegian and says what to do."""


def clean_text(value, field: str, *, max_length: int, required: bool = True) -> str:
    """Return ``value`` stripped, or raise InputError saying what is wrong.

    Learner text is only ever stored and shown as text, never evaluated.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{field}: skriv tekst (fikk {type(value).__name__}).")
    text = value.strip()
    if required and not text:
        raise InputError(f"{field}: feltet er tomt. Skriv noen ord.")
    if len(text) > max_length:
        raise InputError(
            f"{field}: teksten er {len(text)} tegn, men kan være høyst {max_length}. Kort den ned."
        )
    return text
