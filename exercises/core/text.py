"""Checking what a learner types: one place for the rules and the messages."""

import unicodedata

from exercises.core.errors import InputError

_KEPT_CONTROLS = {"\n", "\t"}


def clean_string(value: str) -> str:
    """``value`` without what cannot be stored or shown: lone surrogates (which
    cannot be written as UTF-8), NUL and other control characters and the
    non-characters U+FFFE/U+FFFF (which Word and XML reject, such as U+000B
    from Word's line break). Line breaks and
    tabs are kept; Windows line breaks become ``\\n``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(c for c in value if c in _KEPT_CONTROLS
                   or (unicodedata.category(c) not in ("Cc", "Cs") and c not in "\ufffe\uffff"))
    return unicodedata.normalize("NFC", kept)


def is_blank(text: str) -> bool:
    """True for text with nothing visible: spaces, line breaks and zero-width
    characters (U+200B, U+FEFF, …) only."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def clean_text(value, field: str, *, max_length: int, required: bool = True) -> str:
    """Return ``value`` cleaned (see :func:`clean_string`) and stripped, or
    raise InputError saying what is wrong. Text with nothing visible counts as
    empty.

    Learner text is only ever stored and shown as text, never evaluated.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InputError(f"{field}: skriv tekst (fikk {type(value).__name__}).")
    text = clean_string(value).strip()
    if is_blank(text):
        text = ""
    if required and not text:
        raise InputError(f"{field}: feltet er tomt. Skriv noen ord.")
    if len(text) > max_length:
        raise InputError(
            f"{field}: teksten er {len(text)} tegn, men kan være høyst {max_length}. Kort den ned."
        )
    return text
