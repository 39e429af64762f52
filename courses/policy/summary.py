"""The executive summary's rules (docs/metrics.md, Executive summary): when a change is a rise,
a fall or no change, which agencies are named as moving most or furthest from target, and which
review recommendations are called unanswered. Plain functions over figures already computed,
so the summary adds no compliance of its own.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

# A change smaller than this, either way, is "unchanged": a point or so is the noise of a few
# starters and leavers, not something for a board to discuss.
STEADY_POINTS = 1.0
# Agencies are ranked only when there are at least this many: with one, its figures are the
# headline's (a coordinator's own agency) and naming it again says nothing.
MIN_AGENCIES_TO_RANK = 2
# An agency is named as rising or falling only from this many points, at most MOVERS_SHOWN of
# each, largest change first.
MOVER_POINTS = 5.0
MOVERS_SHOWN = 2
# The agencies furthest below their target, largest gap first.
FURTHEST_SHOWN = 3
# A recommendation is unanswered while fewer than this share of the named agencies' staff (in
# scope) have been trained since it was made; the lowest shares are named first.
UNANSWERED_PERCENT = 25.0
UNANSWERED_SHOWN = 3


class Movement(TextChoices):
    ROSE = "rose", _("rose")
    FELL = "fell", _("fell")
    UNCHANGED = "unchanged", _("unchanged")


def movement(change: float | None) -> Movement | None:
    """Rose, fell or unchanged for a change in points; None when there is nothing to compare."""
    if change is None:
        return None
    if abs(change) < STEADY_POINTS:
        return Movement.UNCHANGED
    return Movement.ROSE if change > 0 else Movement.FELL


def movers(changes: dict, direction: Movement) -> list[tuple[str, float]]:
    """The agencies (name: change in points) that rose, or fell, by at least MOVER_POINTS:
    largest change first, then by name; at most MOVERS_SHOWN."""
    sign = 1 if direction == Movement.ROSE else -1
    moved = [
        (name, change)
        for name, change in changes.items()
        if change is not None and sign * change >= MOVER_POINTS
    ]
    moved.sort(key=lambda item: (-sign * item[1], item[0]))
    return moved[:MOVERS_SHOWN]


def below_target(percent: float | None, target: int | None) -> float | None:
    """Points below the target (positive), or None when on or above it or unmeasured."""
    if percent is None or target is None or percent >= target:
        return None
    return round(target - percent, 1)


def furthest_below(figures) -> list:
    """Of (name, percent, target) figures, those below target: the largest gap first, then by
    name; at most FURTHEST_SHOWN. Returns (name, percent, target, gap)."""
    gaps = [
        (name, percent, target, gap)
        for name, percent, target in figures
        if (gap := below_target(percent, target)) is not None
    ]
    gaps.sort(key=lambda item: (-item[3], item[0]))
    return gaps[:FURTHEST_SHOWN]


def unanswered(staff: int, trained_percent: float) -> bool:
    """A recommendation is unanswered while under UNANSWERED_PERCENT of the named agencies'
    staff have been trained since; one naming no staff in scope is not this scope's to answer."""
    return staff > 0 and trained_percent < UNANSWERED_PERCENT


def unanswered_first(recommendations) -> list:
    """Of (staff, trained %, counting from, item) tuples, the items unanswered: the lowest
    share trained first, then the longest waiting."""
    found = [r for r in recommendations if unanswered(r[0], r[1])]
    found.sort(key=lambda r: (r[1], r[2]))
    return [r[3] for r in found]
