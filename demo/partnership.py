"""The demo partnership: the seven West Midlands areas, their boards and partner agencies.

Data described in docs/demo.md (The partnership). Email domains use the reserved `.example` top-level
domain so demo mail can never reach a real inbox. Every function here is idempotent.
"""

from competencies.models import Agency, Area, Board, ComplianceTarget

AREAS = [
    # code, name, ONS code
    ("BHM", "Birmingham", "E08000025"),
    ("COV", "Coventry", "E08000026"),
    ("DUD", "Dudley", "E08000027"),
    ("SAN", "Sandwell", "E08000028"),
    ("SOL", "Solihull", "E08000029"),
    ("WSL", "Walsall", "E08000030"),
    ("WLV", "Wolverhampton", "E08000031"),
]

BOARDS = [
    # name, short name, area code, kind
    ("Birmingham Safeguarding Adults Board", "BSAB", "BHM", "adults"),
    ("Coventry Safeguarding Adults Board", "CSAB", "COV", "adults"),
    ("Dudley Safeguarding People Partnership (adults)", "DSPP", "DUD", "adults"),
    ("Sandwell Safeguarding Adults Board", "SSAB", "SAN", "adults"),
    ("Solihull Safeguarding Adults Board", "SolSAB", "SOL", "adults"),
    ("Walsall Safeguarding Partnership (adults)", "WSP", "WSL", "adults"),
    ("Wolverhampton Safeguarding Together (adults)", "WST", "WLV", "adults"),
    # Children's boards carry no training data; they prove reports filter by kind.
    ("Birmingham Safeguarding Children Partnership", "BSCP", "BHM", "children"),
    ("Coventry Safeguarding Children Partnership", "CSCP", "COV", "children"),
]

ALL = ["BHM", "COV", "DUD", "SAN", "SOL", "WSL", "WLV"]

# Compliance targets [design]: 90% of staff fully compliant board-wide; Sandwell asks more of
# the police and health and less of level 1 (non-contact) staff, to show the specific rows.
TARGETS = [
    # board short name, sector ("" = every), role level (None = every), percent
    *[(short, "", None, 90) for _n, short, _a, kind in BOARDS if kind == "adults"],
    ("SSAB", "police", None, 95),
    ("SSAB", "health", None, 95),
    ("SSAB", "", 1, 80),
]
BLACK_COUNTRY = ["DUD", "SAN", "WSL", "WLV"]

AGENCIES = [
    # short, name, sector, areas, demo staff, email domain
    ("WMP", "West Midlands Police", "police", ALL, 70, "wmp.example"),
    ("WMFS", "West Midlands Fire Service", "fire", ALL, 30, "wmfs.example"),
    (
        "WMAS",
        "West Midlands Ambulance Service University NHS FT",
        "health",
        ALL,
        25,
        "wmas.nhs.example",
    ),
    (
        "PS-WM",
        "The Probation Service – West Midlands",
        "probation",
        ALL,
        25,
        "probation.example",
    ),
    (
        "BCC",
        "Birmingham City Council",
        "local_authority",
        ["BHM"],
        30,
        "birmingham.gov.example",
    ),
    (
        "CCC",
        "Coventry City Council",
        "local_authority",
        ["COV"],
        15,
        "coventry.gov.example",
    ),
    ("DMBC", "Dudley MBC", "local_authority", ["DUD"], 15, "dudley.gov.example"),
    ("SMBC", "Sandwell MBC", "local_authority", ["SAN"], 15, "sandwell.gov.example"),
    ("SolMBC", "Solihull MBC", "local_authority", ["SOL"], 12, "solihull.gov.example"),
    ("WC", "Walsall Council", "local_authority", ["WSL"], 12, "walsall.gov.example"),
    (
        "CWC",
        "City of Wolverhampton Council",
        "local_authority",
        ["WLV"],
        12,
        "wolverhampton.gov.example",
    ),
    (
        "BSOL-ICB",
        "NHS Birmingham and Solihull ICB",
        "health",
        ["BHM", "SOL"],
        6,
        "bsol.icb.example",
    ),
    ("BC-ICB", "NHS Black Country ICB", "health", BLACK_COUNTRY, 6, "bc.icb.example"),
    (
        "CW-ICB",
        "NHS Coventry and Warwickshire ICB",
        "health",
        ["COV"],
        4,
        "cw.icb.example",
    ),
    (
        "UHB",
        "University Hospitals Birmingham NHS FT",
        "health",
        ["BHM", "SOL"],
        25,
        "uhb.nhs.example",
    ),
    (
        "BSMHFT",
        "Birmingham and Solihull Mental Health NHS FT",
        "health",
        ["BHM", "SOL"],
        15,
        "bsmhft.nhs.example",
    ),
    (
        "SWB",
        "Sandwell and West Birmingham NHS Trust",
        "health",
        ["SAN", "BHM"],
        18,
        "swb.nhs.example",
    ),
    (
        "BCHFT",
        "Black Country Healthcare NHS FT",
        "health",
        BLACK_COUNTRY,
        18,
        "bchft.nhs.example",
    ),
    (
        "RWT",
        "The Royal Wolverhampton NHS Trust",
        "health",
        ["WLV"],
        12,
        "rwt.nhs.example",
    ),
    (
        "UHCW",
        "University Hospitals Coventry and Warwickshire NHS Trust",
        "health",
        ["COV"],
        12,
        "uhcw.nhs.example",
    ),
    (
        "BCCN",
        "Black Country Carers Network (demo)",
        "voluntary",
        BLACK_COUNTRY,
        10,
        "bccn.example",
    ),
    (
        "BCAC",
        "Birmingham Community Advice Collective (demo)",
        "voluntary",
        ["BHM", "SOL"],
        10,
        "bcac.example",
    ),
    (
        "CWRP",
        "Coventry Women's Refuge Partnership (demo)",
        "voluntary",
        ["COV"],
        8,
        "cwrp.example",
    ),
]


def seed_partnership() -> dict:
    """Areas, boards and agencies. Returns lookups by code / short name for later seed steps."""
    areas = {}
    for code, name, ons in AREAS:
        areas[code], _ = Area.objects.update_or_create(
            code=code, defaults={"name": name, "ons_code": ons}
        )
    boards = {}
    for name, short, area_code, kind in BOARDS:
        boards[short], _ = Board.objects.update_or_create(
            short_name=short,
            defaults={"name": name, "area": areas[area_code], "kind": kind},
        )
    for short, sector, level, percent in TARGETS:
        ComplianceTarget.objects.update_or_create(
            board=boards[short],
            sector=sector,
            role_level=level,
            defaults={"percent": percent},
        )
    agencies = {}
    for short, name, sector, area_codes, _count, domain in AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            short_name=short,
            defaults={"name": name, "sector": sector, "email_domains": domain},
        )
        agency.areas.set([areas[c] for c in area_codes])
        agencies[short] = agency
    return {"areas": areas, "boards": boards, "agencies": agencies}
