"""The demo partnership: the seven West Midlands areas, their boards and partner agencies.

Data from ../shared/domain (sections 3 and 5). Email domains use the reserved `.example` top-level
domain so demo mail can never reach a real inbox. Every function here is idempotent.
"""

from competencies.models import Agency, Area, Board

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
    agencies = {}
    for short, name, sector, area_codes, _count, domain in AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            short_name=short,
            defaults={"name": name, "sector": sector, "email_domains": domain},
        )
        agency.areas.set([areas[c] for c in area_codes])
        agencies[short] = agency
    return {"areas": areas, "boards": boards, "agencies": agencies}


DEMO_USERS = [
    # username, first name, last name, groups, superuser
    ("admin", "Alex", "Admin", [], True),
    ("trainer", "Tamsin", "Trainer", ["Trainers"], False),
    ("moderator", "Morgan", "Moderator", ["Moderators"], False),
    (
        "coordinator.wmp",
        "Chris",
        "Coordinator",
        ["Training coordinators", "Staff"],
        False,
    ),
    ("chair.sandwell", "Sam", "Chair", ["Board chairs"], False),
    ("staff.wmp", "Priya", "Patel", ["Staff"], False),
    ("staff.solihull", "Jordan", "Hughes", ["Staff"], False),
]


def seed_users(*, password: str, boards: dict) -> dict:
    """The demo logins of DESIGN.md with their role groups. Passwords are reset to `password`."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from competencies.permissions import grant_default_permissions
    from competencies.roles import groups_ensure

    groups_ensure()
    grant_default_permissions()
    User = get_user_model()
    users = {}
    for username, first, last, group_names, superuser in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@wmsap.example"
        user.is_superuser = user.is_staff = superuser
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=group_names))
        users[username] = user
    boards["SSAB"].chairs.add(users["chair.sandwell"])
    return users


def seed_framework():
    """The West Midlands framework, its levels, domains, competencies and role profiles."""
    from competencies.models import Competency, Domain, Framework, Level, RoleProfile
    from competencies.services import requirements_set
    from demo.frameworks import adult_competencies as data

    framework, _ = Framework.objects.update_or_create(
        name=data.FRAMEWORK_NAME,
        version=data.FRAMEWORK_VERSION,
        defaults={"description": data.FRAMEWORK_DESCRIPTION},
    )
    for number, name, who, hours, refresh in data.LEVELS:
        Level.objects.update_or_create(
            framework=framework,
            number=number,
            defaults={
                "name": name,
                "description": who,
                "minimum_hours": hours,
                "refresh_months": refresh,
                "sort_order": number,
            },
        )
    domains = {}
    for order, (code, title) in enumerate(data.DOMAINS):
        domains[code], _ = Domain.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={"title": title, "sort_order": order},
        )
    competencies = {}
    for order, (code, title, statement, indicators) in enumerate(data.COMPETENCIES):
        defaults = {
            "domain": domains[code.split(".")[0]],
            "title": title,
            "statement": statement,
            "sort_order": order,
        }
        defaults.update({f"indicator_{n}": indicators.get(n, "") for n in range(1, 6)})
        competencies[code], _ = Competency.objects.update_or_create(
            framework=framework, code=code, defaults=defaults
        )
    if not framework.revisions.exists():
        framework.save_revision(log_action=True)
    role_profiles = {}
    for code, name, level, titles, bundles, _share in data.ROLE_PROFILES:
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
            levels={
                competencies[c].pk: lv
                for c, lv in data.requirements_for(bundles).items()
            },
        )
        role_profiles[code] = profile
    return {
        "framework": framework,
        "competencies": competencies,
        "role_profiles": role_profiles,
    }


FIRST_NAMES = [
    "Aisha",
    "Amir",
    "Amy",
    "Ben",
    "Bethany",
    "Callum",
    "Chloe",
    "Connor",
    "Daniel",
    "Deepa",
    "Ella",
    "Emma",
    "Farah",
    "Gareth",
    "Grace",
    "Hannah",
    "Harpreet",
    "Imran",
    "Jack",
    "Jade",
    "James",
    "Jasmine",
    "Kamal",
    "Kate",
    "Kieran",
    "Laura",
    "Leon",
    "Lucy",
    "Marcus",
    "Maria",
    "Mohammed",
    "Nadia",
    "Naomi",
    "Oliver",
    "Olivia",
    "Paul",
    "Rachel",
    "Rajesh",
    "Rebecca",
    "Ryan",
    "Sadia",
    "Sarah",
    "Simon",
    "Sophie",
    "Tariq",
    "Tom",
    "Usman",
    "Zara",
    "Zoë",
    "Ewa",
]
LAST_NAMES = [
    "Ahmed",
    "Ali",
    "Bailey",
    "Begum",
    "Bennett",
    "Brown",
    "Campbell",
    "Clarke",
    "Davies",
    "Edwards",
    "Evans",
    "Green",
    "Hall",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Johnson",
    "Jones",
    "Kaur",
    "Khan",
    "King",
    "Kowalski",
    "Lewis",
    "Mahmood",
    "Morris",
    "Nowak",
    "O'Brien",
    "Parker",
    "Patel",
    "Phillips",
    "Price",
    "Roberts",
    "Robinson",
    "Shah",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]

# Which role profiles each sector's staff hold (the demo distribution of section 5.6, adjusted so
# police staff are mostly officers, fire staff firefighters, councils social workers, and so on).
SECTOR_ROLES = {
    "police": ["RP05"] * 7 + ["RP03", "RP01", "RP09", "RP10", "RP12"],
    "fire": ["RP04"] * 6 + ["RP01", "RP09", "RP12"],
    "health": ["RP07"] * 5 + ["RP03"] * 3 + ["RP01", "RP09", "RP10", "RP11", "RP12"],
    "probation": ["RP06"] * 5 + ["RP03", "RP01", "RP09", "RP10"],
    "local_authority": ["RP08"] * 3
    + ["RP03"] * 4
    + ["RP01", "RP09", "RP10", "RP11", "RP12"],
    "voluntary": ["RP02"] * 4 + ["RP03"] * 2 + ["RP01", "RP12"],
}
JOB_TITLES = {
    "RP01": "Administration officer",
    "RP02": "Volunteer befriender",
    "RP03": "Support worker",
    "RP04": "Firefighter",
    "RP05": "Police constable",
    "RP06": "Probation officer",
    "RP07": "Registered nurse",
    "RP08": "Social worker",
    "RP09": "Safeguarding lead",
    "RP10": "Team manager",
    "RP11": "Head of adult safeguarding",
    "RP12": "Director",
}
# How well each agency keeps its staff trained: the chance that a module is current. One agency is
# noticeably weaker so the reports have something to show.
AGENCY_DILIGENCE = {
    "WMP": 0.82,
    "WMFS": 0.9,
    "BCC": 0.7,
    "SMBC": 0.62,
    "BCCN": 0.6,
    "UHB": 0.88,
}

# The demo logins that are staff members: username -> (agency, role profile, first, last).
DEMO_STAFF = {
    "staff.wmp": ("WMP", "RP05", "Priya", "Patel", "Police constable (response)"),
    "staff.solihull": ("SolMBC", "RP08", "Jordan", "Hughes", "Social worker"),
    "coordinator.wmp": ("WMP", "RP09", "Chris", "Coordinator", "Training coordinator"),
}


def _demo_records_for(staff, profile_code, rng, today, competencies, diligence):
    """Historic training for one person: each bundle of their role was done once, or never."""
    import datetime

    from competencies.services import record_create
    from demo.frameworks import adult_competencies as data

    bundles = next(r[4] for r in data.ROLE_PROFILES if r[0] == profile_code)
    for bundle in bundles:
        roll = rng.random()
        if roll > diligence + 0.08:
            continue  # never trained: missing
        levels = set(data.BUNDLES[bundle].values())
        refresh = 12 if max(levels) >= 4 else 36
        if roll < diligence * 0.85:
            age_days = rng.randint(30, refresh * 30 - 100)  # comfortably current
        elif roll < diligence:
            age_days = refresh * 30 + rng.randint(-85, -5)  # expires within 90 days
        else:
            age_days = refresh * 30 + rng.randint(20, 400)  # lapsed
        achieved = today - datetime.timedelta(days=age_days)
        for code, level in data.BUNDLES[bundle].items():
            record_create(
                staff=staff,
                competency=competencies[code],
                level=level,
                achieved_on=achieved,
                refresh_months=refresh,
                source="import",
                source_detail=f"Demo historic records ({bundle})",
            )


def seed_staff(**kwargs) -> int:
    """Demo staff and records; the compliance cache is built once at the end, not per record."""
    from competencies.compliance_cache import compliance_deferred, compliance_refresh

    with compliance_deferred():
        count = _seed_staff(**kwargs)
    compliance_refresh()  # everyone, so a second run leaves the same cache rows
    return count


def _seed_staff(
    *, agencies: dict, role_profiles: dict, competencies: dict, users: dict
) -> int:
    """About 405 staff across the 23 agencies, with historic records spread over every status.

    Deterministic (one seeded random generator per person) and idempotent: people are matched
    by email, and records are only written for someone who has none yet.
    """
    import random

    from django.utils import timezone

    from competencies.models import StaffMember

    today = timezone.localdate()
    count = 0
    for short, _name, sector, _areas, size, domain in AGENCIES:
        agency = agencies[short]
        areas = list(agency.areas.order_by("code"))
        roles = SECTOR_ROLES[sector]
        managers = []
        for i in range(size):
            rng = random.Random(f"{short}-{i}")
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            profile_code = roles[i % len(roles)]
            email = (
                f"{first}.{last}.{i}@{domain}".lower()
                .replace("'", "")
                .replace("ë", "e")
            )
            staff, created = StaffMember.objects.update_or_create(
                email=email,
                defaults={
                    "agency": agency,
                    "first_name": first,
                    "last_name": last,
                    "employee_ref": f"{short}-{i + 1:05d}",
                    "job_title": JOB_TITLES[profile_code],
                    "role_profile": role_profiles[profile_code],
                    "line_manager": managers[i % len(managers)] if managers else None,
                    # About one in forty has left, so leavers show in the data.
                    "left_on": today.replace(day=1) if i % 40 == 39 else None,
                },
            )
            staff.areas.set(rng.sample(areas, k=min(len(areas), 1 + (i % 2))))
            if profile_code in {"RP09", "RP10"}:
                managers.append(staff)
            if created or not staff.records.exists():
                _demo_records_for(
                    staff,
                    profile_code,
                    rng,
                    today,
                    competencies,
                    AGENCY_DILIGENCE.get(short, 0.78),
                )
            count += 1
    for username, (short, profile_code, first, last, title) in DEMO_STAFF.items():
        agency = agencies[short]
        staff, created = StaffMember.objects.update_or_create(
            email=f"{username}@{agency.domain_list[0]}",
            defaults={
                "agency": agency,
                "first_name": first,
                "last_name": last,
                "employee_ref": f"{short}-DEMO-{username.split('.')[0].upper()}",
                "job_title": title,
                "role_profile": role_profiles[profile_code],
                "user": users[username],
            },
        )
        staff.areas.set(list(agency.areas.order_by("code"))[:1])
        if created:
            rng = random.Random(username)
            _demo_records_for(staff, profile_code, rng, today, competencies, 0.75)
        count += 1
    # staff.wmp's line manager is the WMP coordinator, so approvals have someone to go to.
    StaffMember.objects.filter(user=users["staff.wmp"]).update(
        line_manager=StaffMember.objects.get(user=users["coordinator.wmp"])
    )
    return count


def seed_more_frameworks() -> dict:
    """The children's and Prevent frameworks, the crosswalk to the adult framework, and a few
    children's practitioners whose adult records the crosswalk recognises. Idempotent."""
    import datetime as dt

    from django.utils import timezone

    from competencies.models import (
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
    from demo.frameworks import children_and_prevent as data

    codes = {}
    for spec in data.FRAMEWORKS:
        framework, _ = Framework.objects.update_or_create(
            name=spec["name"],
            version=spec["version"],
            defaults={"description": spec["description"]},
        )
        for number, name, refresh in data.LEVELS:
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
    for code, target, kind, note in data.CROSSWALK:
        if code in codes and target in codes:
            CompetencyEquivalence.objects.update_or_create(
                competency=codes[code],
                maps_to=codes[target],
                defaults={"kind": kind, "note": note},
            )
    profile = RoleProfile.objects.filter(code="CRP01").first()
    made = 0
    today = timezone.localdate()
    for short_name, count, records in data.CHILDREN_STAFF:
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
                achieved = today - dt.timedelta(days=100 + 40 * n)
                CompetencyRecord.objects.create(
                    staff=staff,
                    competency=adult[code],
                    level=level,
                    achieved_on=achieved,
                    expires_on=achieved + dt.timedelta(days=3 * 365),
                    source=CompetencyRecord.Source.IMPORT,
                    source_detail="Demo history",
                )
            made += 1
    return {"frameworks": len(data.FRAMEWORKS), "staff": made}
