"""Learning from reviews: for each SAR / DARDR recommendation, how many staff of the agencies
it names have been trained in what answers it since it was made.

"Trained since": a competency record (not revoked) achieved on or after the recommendation's
date, in a competency linked to it or delivered by a module linked to it. Sessions write such
records, so attendance counts through them. Staff in scope only; people, not records.
A fixed number of queries whatever the number of staff or records.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from competencies.models import CompetencyRecord
from courses.models import Recommendation
from courses.reports.definitions import Report, Table, register

HEADERS = [
    "Review",
    "Recommendation",
    "Agencies named",
    "Answered by",
    "Counting from",
    "Staff of named agencies",
    "Trained since",
    "Trained %",
]


def _answering_competencies(recommendation) -> set[int]:
    ids = {c.pk for c in recommendation.competencies.all()}
    for module in recommendation.modules.all():
        ids |= {link.competency_id for link in module.delivered_competencies.all()}
    return ids


def review_rows(*, staff, area_ids=None) -> list[list]:
    """One row per recommendation; within `area_ids` (a chair's areas) only the reviews of
    boards there, and partnership-wide ones."""
    recommendations = Recommendation.objects.all()
    if area_ids is not None:
        recommendations = recommendations.filter(
            Q(review__board__isnull=True) | Q(review__board__area_id__in=area_ids)
        )
    recommendations = list(
        recommendations.select_related("review")
        .prefetch_related("agencies", "competencies", "modules__delivered_competencies")
        .order_by("-review__published_on", "review__title", "number")
    )
    if not recommendations:
        return []
    agency_ids = {a.pk for r in recommendations for a in r.agencies.all()}
    headcount = dict(
        staff.active()
        .filter(agency_id__in=agency_ids)
        .values_list("agency_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    answering = {r.pk: _answering_competencies(r) for r in recommendations}
    competency_ids = set().union(*answering.values())
    # People trained since each recommendation, counted by the database in one pass over the
    # records (one query however many staff, records or recommendations; rows never reach
    # Python, which at partnership scale took most of the dashboard's time).
    records = CompetencyRecord.objects.filter(
        revoked_at__isnull=True,
        achieved_on__gte=min(r.made_on for r in recommendations),
        competency_id__in=competency_ids,
        staff__in=staff.active().filter(agency_id__in=agency_ids),
    )
    trained = records.aggregate(
        **{
            f"r{r.pk}": Count(
                "staff_id",
                distinct=True,
                filter=Q(
                    staff__agency_id__in=[a.pk for a in r.agencies.all()] or [0],
                    competency_id__in=answering[r.pk] or [0],
                    achieved_on__gte=r.made_on,
                ),
            )
            for r in recommendations
        }
    )

    rows = []
    for r in recommendations:
        named = [a.pk for a in r.agencies.all()]
        people = sum(headcount.get(a, 0) for a in named)
        trained_since = trained[f"r{r.pk}"] or 0
        answered_by = [m.title for m in r.modules.all()] + [
            c.code for c in r.competencies.all()
        ]
        rows.append(
            [
                str(r.review.title),
                f"{r.number}. {r.text}",
                ", ".join(a.short_name for a in r.agencies.all()),
                ", ".join(answered_by) or "—",
                r.made_on,
                people,
                trained_since,
                round(100 * trained_since / people, 1) if people else 0,
            ]
        )
    return rows


@register
class TrainingSinceReviews(Report):
    slug = "learning-from-reviews"
    title = _("Learning from reviews")
    description = _(
        "For each SAR or DARDR recommendation on training: staff of the agencies it names "
        "trained in what answers it since it was made."
    )

    def table(self, *, scope, filters) -> Table:
        return Table(
            headers=HEADERS,
            rows=review_rows(staff=filters.staff(scope), area_ids=scope.area_ids),
        )
