"""Spreadsheet safety: text that a spreadsheet would run as a formula is exported as text.

A cell starting with = + - @ (or a tab / carriage return before one) is a formula to Excel and
LibreOffice, so a staff member named `=HYPERLINK(...)` could turn an export into a phishing link.
Such text gets a leading apostrophe, the convention spreadsheets show as plain text. Numbers and
dates are left alone so they stay numbers.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
