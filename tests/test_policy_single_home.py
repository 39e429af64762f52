"""Every access rule lives in a policy module: nothing else asks who is an administrator or
which role group someone is in. A second copy of such a check is how the agency scope drifted
before (docs/access.md), so this test reads the product's source and fails on one."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ["competencies", "cms", "courses", "config", "templates"]
# The policy modules: cms/policy.py, and the competencies and courses policy packages.
POLICY_PACKAGES = ("competencies/policy/", "courses/policy/")
POLICY_MODULES = {"cms/policy.py"}


def is_policy(name: str) -> bool:
    return name in POLICY_MODULES or name.startswith(POLICY_PACKAGES)


# Setting the groups up (creating them, granting model permissions) names them; it decides
# nothing about a request.
ROLE_SETUP = {
    "competencies/roles.py",
    "competencies/permissions.py",
    "courses/roles.py",
    "cms/services.py",
}

CHECKS = {
    "is_superuser": re.compile(r"is_superuser"),
    "has_role": re.compile(r"\bhas_role\("),
    "group membership": re.compile(r"groups__name|\.groups\.filter\("),
    # The constants, or the groups' names as Python strings (a template's "Trainers" label
    # is a heading, not a check).
    "role group names": re.compile(
        r"\b(TRAINERS|COORDINATORS|BOARD_CHAIRS|MODERATORS)\b"
        r"|(?<!trans )\"(Trainers|Training coordinators|Board chairs|Moderators)\""
    ),
}


def product_sources():
    for top in PRODUCT:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in {".py", ".html"} or "migrations" in path.parts:
                continue
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_access_checks_only_in_policy_modules(check):
    pattern = CHECKS[check]
    setup = ROLE_SETUP if check == "role group names" else set()
    found = [
        f"{name}:{number}: {line.strip()}"
        for name, text in product_sources()
        if not is_policy(name) and name not in setup
        for number, line in enumerate(text.splitlines(), 1)
        if pattern.search(line)
    ]
    assert not found, f"{check} outside the policy modules:\n" + "\n".join(found)


def test_the_scan_reads_the_product():
    """The test above would pass on an empty tree: make sure it reads what it should."""
    names = {name for name, _ in product_sources()}
    assert {
        "competencies/policy/access.py",
        "courses/views/sessions.py",
        "cms/models/toolkit.py",
    } <= names
    policy = (ROOT / "competencies/policy/access.py").read_text()
    assert CHECKS["is_superuser"].search(policy)
