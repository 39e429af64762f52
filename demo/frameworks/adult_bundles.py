"""The demo adult framework's module bundles and the twelve role profiles built from them.

A bundle is what one training module delivers; a role profile requires the bundles its staff
must complete, so its requirements follow from them (requirements_for).
"""


def _at(level, *codes):
    return {code: level for code in codes}


# What each training module delivers (the module's bundle), competency code -> level.
BUNDLES = {
    "B-L1": _at(
        1,
        "SA1.1",
        "SA1.2",
        "SA2.1",
        "SA2.2",
        "SA2.3",
        "SA3.1",
        "SA3.2",
        "SA4.1",
        "SA6.1",
        "SA6.2",
        "SA6.3",
    ),
    "B-L2": _at(
        2,
        "SA1.1",
        "SA1.2",
        "SA1.3",
        "SA2.1",
        "SA2.2",
        "SA2.3",
        "SA3.1",
        "SA4.1",
        "SA4.2",
        "SA4.3",
        "SA5.1",
        "SA6.1",
        "SA6.2",
    ),
    "B-MCA2": _at(2, "SA3.2", "SA3.3"),
    "B-PREV2": _at(2, "SA6.3"),
    "B-L3": {
        **_at(
            3,
            "SA1.1",
            "SA1.2",
            "SA1.3",
            "SA2.1",
            "SA2.2",
            "SA2.3",
            "SA4.1",
            "SA4.2",
            "SA4.3",
            "SA5.1",
            "SA5.2",
            "SA7.1",
        ),
        **_at(2, "SA6.1", "SA6.2"),
    },
    "B-MCA3": _at(3, "SA3.1", "SA3.2", "SA3.3"),
    "B-DA3": _at(3, "SA6.1"),
    "B-EXP3": _at(3, "SA6.2"),
    "B-SN3": _at(3, "SA5.3"),
    "B-PREV3": _at(3, "SA6.3"),
    "B-L4": _at(
        4,
        "SA2.3",
        "SA3.1",
        "SA4.2",
        "SA4.3",
        "SA5.1",
        "SA5.2",
        "SA5.3",
        "SA7.1",
        "SA7.2",
        "SA7.3",
        "SA8.1",
        "SA8.2",
    ),
    "B-L5": _at(5, "SA4.2", "SA7.1", "SA7.3", "SA8.1", "SA8.2", "SA8.3"),
}

L2_FULL = ["B-L1", "B-L2", "B-MCA2", "B-PREV2"]
L3_CORE = ["B-L3", "B-MCA3", "B-PREV2"]

# code, name, typical level, example job titles, bundles, share of demo staff (%)
ROLE_PROFILES = [
    (
        "RP01",
        "Non-contact staff",
        1,
        "Admin officer, estates, IT, catering, finance",
        ["B-L1"],
        12,
    ),
    (
        "RP02",
        "Volunteer with adult contact",
        2,
        "Befriender, helpline volunteer, trustee",
        ["B-L1", "B-L2"],
        5,
    ),
    (
        "RP03",
        "Frontline contact staff",
        2,
        "Care or support worker, HCA, housing officer, police staff, contact-centre adviser",
        L2_FULL,
        25,
    ),
    (
        "RP04",
        "Firefighter / Safe and Well practitioner",
        2,
        "Firefighter, Safe and Well adviser, vulnerable persons officer",
        L2_FULL + ["B-SN3"],
        5,
    ),
    (
        "RP05",
        "Police officer (response and neighbourhood)",
        2,
        "PC, PCSO, sergeant",
        L2_FULL + ["B-DA3"],
        12,
    ),
    (
        "RP06",
        "Probation practitioner",
        3,
        "Probation officer, probation services officer",
        L3_CORE + ["B-DA3", "B-EXP3"],
        4,
    ),
    (
        "RP07",
        "Registered health professional",
        3,
        "Nurse, paramedic, GP, allied health professional, mental health practitioner",
        L3_CORE + ["B-PREV3"],
        15,
    ),
    (
        "RP08",
        "Social worker / section 42 enquiry officer",
        3,
        "Social worker, occupational therapist, care manager",
        L3_CORE + ["B-DA3", "B-SN3"],
        8,
    ),
    (
        "RP09",
        "Safeguarding lead / named professional / specialist officer",
        4,
        "Named nurse for adults, PPU detective sergeant, WMFS safeguarding officer, probation SPO",
        L3_CORE + ["B-DA3", "B-L4"],
        5,
    ),
    (
        "RP10",
        "Operational manager (section 42 managing officer)",
        4,
        "Team manager, ward manager, care home manager",
        L3_CORE + ["B-L4"],
        5,
    ),
    (
        "RP11",
        "Designated professional / head of safeguarding",
        5,
        "Designated nurse (ICB), head of adult safeguarding, SAB business manager",
        L3_CORE + ["B-L4", "B-L5"],
        2,
    ),
    (
        "RP12",
        "Senior leader / board member",
        5,
        "Director, chief officer, non-executive director, SAB member, elected member",
        ["B-L1", "B-L5"],
        2,
    ),
]


def requirements_for(bundles: list[str]) -> dict[str, int]:
    """One requirement per competency, at the highest level any of the bundles asks for."""
    out: dict[str, int] = {}
    for bundle in bundles:
        for code, level in BUNDLES[bundle].items():
            out[code] = max(out.get(code, 0), level)
    return out
