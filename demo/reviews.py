"""Demo Safeguarding Adults Reviews and a DARDR, with the training they recommend. Idempotent."""

import datetime

from django.utils import timezone

from cms.models import ModulePage
from competencies.models import Agency, Board
from courses.models import Recommendation, Review

# Fictional reviews (demo only: no real review is quoted), with training recommendations.
DEMO_REVIEWS = [
    {
        "kind": "sar",
        "title": "SAR Adult C (demo)",
        "board": "SSAB",
        "days_ago": 300,
        "recommendations": [
            (
                "1",
                "All agencies should train frontline staff to recognise self-neglect and "
                "hoarding and to use the West Midlands self-neglect guidance.",
                ["SMBC", "WMP", "SWB", "WMFS"],
                ["self-neglect-and-hoarding"],
            ),
            (
                "2",
                "Staff should apply the Mental Capacity Act when an adult declines support, "
                "and record their reasoning.",
                ["SMBC", "SWB"],
                ["mental-capacity-act-and-dols-essentials"],
            ),
        ],
    },
    {
        "kind": "dardr",
        "title": "DARDR Ms D (demo)",
        "board": None,
        "days_ago": 200,
        "recommendations": [
            (
                "1",
                "Police and health staff should complete DASH risk assessment training and "
                "refer high-risk cases to MARAC.",
                ["WMP", "UHB", "BSMHFT"],
                ["domestic-abuse-dash-and-marac"],
            ),
        ],
    },
]


def seed_reviews() -> int:
    """The demo reviews and their recommendations; idempotent. Returns recommendations made."""
    today = timezone.localdate()
    made = 0
    for spec in DEMO_REVIEWS:
        published = today - datetime.timedelta(days=spec["days_ago"])
        review, _created = Review.objects.get_or_create(
            title=spec["title"],
            defaults={
                "kind": spec["kind"],
                "board": Board.objects.filter(short_name=spec["board"]).first(),
                "published_on": published,
            },
        )
        for number, text, agencies, modules in spec["recommendations"]:
            rec, created = Recommendation.objects.get_or_create(
                review=review,
                number=number,
                defaults={"text": text, "made_on": review.published_on},
            )
            if created:
                rec.agencies.set(Agency.objects.filter(short_name__in=agencies))
                rec.modules.set(ModulePage.objects.filter(slug__in=modules))
                made += 1
    return made
