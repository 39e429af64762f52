"""Two more demo frameworks beside the adult one, and the crosswalk between them.

Our own wording, for the demo: a children's safeguarding framework and a Prevent and
exploitation framework, three levels each, with the overlaps a partnership would record
(equivalent where the same learning meets both, partial where it only overlaps).
"""

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
