"""Seeds the demo adult framework (adult_competencies.py, adult_bundles.py). Idempotent."""

from competencies.models import Competency, Domain, Framework, Level, RoleProfile
from competencies.services import requirements_set
from demo.frameworks import adult_bundles, adult_competencies


def seed_framework():
    """The West Midlands framework, its levels, domains, competencies and role profiles."""
    framework, _ = Framework.objects.update_or_create(
        name=adult_competencies.FRAMEWORK_NAME,
        version=adult_competencies.FRAMEWORK_VERSION,
        defaults={"description": adult_competencies.FRAMEWORK_DESCRIPTION},
    )
    for number, name, who, hours, refresh in adult_competencies.LEVELS:
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
    for order, (code, title) in enumerate(adult_competencies.DOMAINS):
        domains[code], _ = Domain.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={"title": title, "sort_order": order},
        )
    competencies = {}
    for order, (code, title, statement, indicators) in enumerate(
        adult_competencies.COMPETENCIES
    ):
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
    for code, name, level, titles, bundles, _share in adult_bundles.ROLE_PROFILES:
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
                for c, lv in adult_bundles.requirements_for(bundles).items()
            },
        )
        role_profiles[code] = profile
    return {
        "framework": framework,
        "competencies": competencies,
        "role_profiles": role_profiles,
    }
