"""The fourteen columns of Moodle's competency framework CSV, in Moodle's order.

The header names are those Moodle's own export writes (its English strings); a file is read
by header name, in any order, and the names are matched loosely (case, spaces, hyphens and
"(optional)" ignored; "Short name" / "ID number" / "Cross-referenced ..." spellings too).
"""

import re

from competencies.imports.files import Table

# (key, the header Moodle writes)
COLUMNS = [
    ("parent", "Parent id number"),
    ("idnumber", "Id number"),
    ("shortname", "Shortname"),
    ("description", "Description"),
    ("descriptionformat", "Description format"),
    ("scalevalues", "Scale values"),
    ("scaleconfiguration", "Scale configuration"),
    ("ruletype", "Rule type (optional)"),
    ("ruleoutcome", "Rule outcome (optional)"),
    ("ruleconfig", "Rule config (optional)"),
    ("related", "Cross referenced competency id numbers"),
    ("exportid", "Exported id (optional)"),
    ("isframework", "Is framework"),
    ("taxonomy", "Taxonomy"),
]
HEADERS = [header for _key, header in COLUMNS]
REQUIRED = ["parent", "idnumber", "shortname", "isframework"]
# Moodle's description formats (FORMAT_MOODLE 0, FORMAT_HTML 1, FORMAT_PLAIN 2, FORMAT_MARKDOWN 4).
FORMAT_HTML = "1"


def _squash(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower().replace("(optional)", ""))


ALIASES = {_squash(header): key for key, header in COLUMNS} | {
    "crossreferencedcompetencyidnumbers": "related",
    "relatedidnumbers": "related",
    "exportid": "exportid",
    "taxonomies": "taxonomy",
}


def column_keys(table: Table) -> dict[str, str]:
    """{our key: the table's (normalised) header}, for the columns the file has."""
    found = {}
    for header in table.headers:
        key = ALIASES.get(_squash(header))
        if key and key not in found:
            found[key] = header
    return found


def looks_like_moodle(table: Table) -> bool:
    keys = column_keys(table)
    return {"idnumber", "shortname", "isframework"} <= set(keys)
