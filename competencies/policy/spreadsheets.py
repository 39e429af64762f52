"""Spreadsheet-safe text: what leaves the site in a spreadsheet is never run as a formula."""


# --- spreadsheet-safe text -------------------------------------------------------------------
#
# A cell starting with = + - @ (or a tab or carriage return before one) is a formula to Excel
# and LibreOffice, so a staff member named `=HYPERLINK(...)` could turn an export into a
# phishing link (OWASP "CSV injection"). In text formats such text gets a leading apostrophe;
# in XLSX it is written as a typed string, which no spreadsheet evaluates.

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def spreadsheet_safe(value):
    """Text a spreadsheet shows as text; anything that is not text is returned unchanged.

    Text that already starts with apostrophes before a formula gets one more, so that
    `spreadsheet_unsafe` gives back exactly what was written.
    """
    if isinstance(value, str) and is_formula_like(value.lstrip("'")):
        return "'" + value
    return value


def spreadsheet_unsafe(value: str) -> str:
    """The inverse of `spreadsheet_safe`, for files we exported coming back in an import."""
    if value.startswith("'") and is_formula_like(value.lstrip("'")):
        return value[1:]
    return value
