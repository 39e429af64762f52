"""Two more demo frameworks beside the adult one, and the crosswalk between them.

Our own wording, for the demo: a children's safeguarding framework and a Prevent and
exploitation framework, three levels each, with the overlaps a partnership would record
(equivalent where the same learning meets both, partial where it only overlaps).
seed_more_frameworks loads them, with a few children's practitioners to show the crosswalk.
"""

import datetime

from django.utils import timezone

from competencies.models import (
    Agency,
    Competency,
    CompetencyEquivalence,
    CompetencyRecord,
    Domain,
    Framework,
    Level,
    RoleProfile,
    StaffMember,
)
from competencies.services import requirements_set
from demo.people import FIRST_NAMES, LAST_NAMES

LEVELS = [
    (1, "Awareness", 36),
    (2, "Practitioner", 36),
    (3, "Professional", 36),
]

FRAMEWORKS = [
    {
        "name": "West Midlands Children's Safeguarding Competency Framework",
        "version": "2025.1",
        "description": "What staff of every agency need to know and do to safeguard children "
        "and young people, including when they work mainly with adults (think family).",
        "domains": [
            ("CS1", "Recognising harm to children"),
            ("CS2", "Responding and sharing information"),
            ("CS3", "Exploitation and contextual safeguarding"),
        ],
        "competencies": [
            ("CS1.1", "Types and signs of child abuse and neglect"),
            ("CS1.2", "Think family: adults' needs and children at risk"),
            ("CS2.1", "Raising a concern about a child"),
            ("CS2.2", "Sharing information to safeguard"),
            ("CS3.1", "Child exploitation and county lines"),
            ("CS3.2", "Domestic abuse and its impact on children"),
        ],
        "role_profiles": [
            (
                "CRP01",
                "Practitioner working with families",
                2,
                "Family support worker, health visitor, school nurse",
                {"CS1.1": 2, "CS1.2": 2, "CS2.1": 2, "CS2.2": 2, "CS3.2": 2},
            ),
        ],
    },
    {
        "name": "West Midlands Prevent and Exploitation Framework",
        "version": "2025.1",
        "description": "Prevent duty awareness and referral, and the exploitation of adults: "
        "modern slavery, trafficking and cuckooing.",
        "domains": [
            ("PE1", "Prevent"),
            ("PE2", "Exploitation of adults"),
        ],
        "competencies": [
            ("PE1.1", "Recognising radicalisation"),
            ("PE1.2", "Making a Prevent referral (Channel)"),
            ("PE2.1", "Modern slavery and human trafficking"),
            ("PE2.2", "Cuckooing and county lines affecting adults"),
        ],
        "role_profiles": [],
    },
]

# (code, maps to, kind, note)
CROSSWALK = [
    (
        "SA4.1",
        "CS2.2",
        "equivalent",
        "Same legal basis and the same seven rules for sharing.",
    ),
    (
        "SA6.3",
        "PE1.1",
        "equivalent",
        "The adult framework's Prevent competency is the same learning.",
    ),
    ("SA6.2", "PE2.1", "equivalent", "Modern slavery and trafficking, for adults."),
    (
        "SA1.1",
        "CS1.1",
        "partial",
        "Categories differ: the Care Act's for adults, Working Together's for children.",
    ),
    (
        "SA1.2",
        "CS1.2",
        "partial",
        "Think family: the adult at risk may be a parent or carer.",
    ),
    (
        "SA2.2",
        "CS2.1",
        "partial",
        "Different front doors: adult social care, or the children's MASH.",
    ),
    ("SA6.1", "CS3.2", "partial", "Domestic abuse, without the impact on children."),
    (
        "SA6.2",
        "CS3.1",
        "partial",
        "Exploitation of adults; child exploitation has its own law.",
    ),
    ("CS3.1", "PE2.2", "partial", "County lines run through both."),
]

# Children's practitioners in the demo: (agency short name, count, adult records held).
CHILDREN_STAFF = [
    ("BCC", 5, {"SA1.1": 2, "SA4.1": 2, "SA6.1": 2}),
    ("BCHFT", 4, {"SA1.1": 2, "SA4.1": 2}),
    ("SWB", 3, {"SA4.1": 2}),
]


def seed_more_frameworks() -> dict:
    """The children's and Prevent frameworks, the crosswalk to the adult framework, and a few
    children's practitioners whose adult records the crosswalk recognises. Idempotent."""
    codes = {}
    for spec in FRAMEWORKS:
        framework, _ = Framework.objects.update_or_create(
            name=spec["name"],
            version=spec["version"],
            defaults={"description": spec["description"]},
        )
        for number, name, refresh in LEVELS:
            Level.objects.update_or_create(
                framework=framework,
                number=number,
                defaults={
                    "name": name,
                    "refresh_months": refresh,
                    "sort_order": number,
                },
            )
        domains = {}
        for order, (code, title) in enumerate(spec["domains"]):
            domains[code], _ = Domain.objects.update_or_create(
                framework=framework,
                code=code,
                defaults={"title": title, "sort_order": order},
            )
        for order, (code, title) in enumerate(spec["competencies"]):
            codes[code], _ = Competency.objects.update_or_create(
                framework=framework,
                code=code,
                defaults={
                    "domain": domains[code.split(".")[0]],
                    "title": title,
                    "sort_order": order,
                    "indicator_1": "Knows what it is and who to tell.",
                    "indicator_2": "Recognises it in everyday work and acts on it.",
                    "indicator_3": "Assesses, plans and advises others.",
                },
            )
        for code, name, level, titles, levels in spec["role_profiles"]:
            profile, _ = RoleProfile.objects.update_or_create(
                code=code,
                defaults={
                    "name": name,
                    "framework": framework,
                    "level": level,
                    "description": titles,
                },
            )
            requirements_set(
                role_profile=profile,
                levels={codes[c].pk: lv for c, lv in levels.items()},
            )
    adult = {c.code: c for c in Competency.objects.filter(code__startswith="SA")}
    codes.update(adult)
    for code, target, kind, note in CROSSWALK:
        if code in codes and target in codes:
            CompetencyEquivalence.objects.update_or_create(
                competency=codes[code],
                maps_to=codes[target],
                defaults={"kind": kind, "note": note},
            )
    profile = RoleProfile.objects.filter(code="CRP01").first()
    made = 0
    today = timezone.localdate()
    for short_name, count, records in CHILDREN_STAFF:
        agency = Agency.objects.filter(short_name=short_name).first()
        if agency is None or profile is None:
            continue
        domain = agency.domain_list[0] if agency.domain_list else "demo.example"
        for n in range(1, count + 1):
            staff, created = StaffMember.objects.get_or_create(
                email=f"family.worker{n}@{domain}",
                defaults={
                    "agency": agency,
                    "first_name": FIRST_NAMES[
                        (n * 7 + len(short_name)) % len(FIRST_NAMES)
                    ],
                    "last_name": LAST_NAMES[
                        (n * 11 + len(short_name)) % len(LAST_NAMES)
                    ],
                    "job_title": "Family support worker",
                    "role_profile": profile,
                },
            )
            if not created:
                continue
            staff.areas.set(agency.areas.all()[:1])
            for code, level in records.items():
                achieved = today - datetime.timedelta(days=100 + 40 * n)
                CompetencyRecord.objects.create(
                    staff=staff,
                    competency=adult[code],
                    level=level,
                    achieved_on=achieved,
                    expires_on=achieved + datetime.timedelta(days=3 * 365),
                    source=CompetencyRecord.Source.IMPORT,
                    source_detail="Demo history",
                )
            made += 1
    return {"frameworks": len(FRAMEWORKS), "staff": made}
