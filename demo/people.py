"""The demo logins, and about 405 demo staff with historic training records. Idempotent.

Staff are spread over the partnership's agencies by sector, and their records over every
compliance status (current, expiring, lapsed, missing), so reports have something to show.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from competencies.compliance_cache import compliance_deferred, compliance_refresh
from competencies.models import StaffMember
from competencies.permissions import grant_default_permissions
from competencies.roles import groups_ensure
from competencies.services import record_create
from demo.frameworks.adult_bundles import BUNDLES, ROLE_PROFILES
from demo.partnership import AGENCIES

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
    """The demo logins (docs/demo.md, Demo logins) with their role groups. Passwords are reset to `password`."""
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

# Which role profiles each sector's staff hold (the demo distribution of docs/demo.md, Staff and historic records, adjusted so
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
    bundles = next(r[4] for r in ROLE_PROFILES if r[0] == profile_code)
    for bundle in bundles:
        roll = rng.random()
        if roll > diligence + 0.08:
            continue  # never trained: missing
        levels = set(BUNDLES[bundle].values())
        refresh = 12 if max(levels) >= 4 else 36
        if roll < diligence * 0.85:
            age_days = rng.randint(30, refresh * 30 - 100)  # comfortably current
        elif roll < diligence:
            age_days = refresh * 30 + rng.randint(-85, -5)  # expires within 90 days
        else:
            age_days = refresh * 30 + rng.randint(20, 400)  # lapsed
        achieved = today - datetime.timedelta(days=age_days)
        for code, level in BUNDLES[bundle].items():
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
