"""Compliance targets: which board target a figure is held to, and its red/amber/green rating
(docs/compliance.md, Targets).
"""

from django.db.models import (
    QuerySet,
    TextChoices,
)
from django.utils.translation import gettext_lazy as _

from competencies.models import (
    Board,
)
from competencies.policy.access import is_administrator

# --- compliance targets ----------------------------------------------------------------------
# The rule (docs/compliance.md, Targets): a figure is compared with the target set for exactly
# its breadth. Of a board's targets the most specific that fits applies (sector and level, then
# sector, then level, then board-wide); a figure spanning several boards takes the highest
# (strictest) of theirs. Green at or above the target, amber up to RAG_AMBER_POINTS below it,
# red further below; no target, or no one to measure, gives no rating.

RAG_AMBER_POINTS = 10


def boards_targetable_by(user) -> QuerySet[Board]:
    """Adults boards whose targets the user may set: every one for an administrator, the
    boards they chair for a board chair, none for anybody else."""
    boards = Board.objects.filter(kind=Board.Kind.ADULTS).select_related("area")
    if is_administrator(user):
        return boards
    if user is None or not user.is_authenticated:
        return boards.none()
    return boards.filter(chairs=user)


def may_set_targets(user, board: Board) -> bool:
    return boards_targetable_by(user).filter(pk=board.pk).exists()


class Rating(TextChoices):
    GREEN = "green", _("Green")
    AMBER = "amber", _("Amber")
    RED = "red", _("Red")


def target_for(
    targets, *, sector: str = "", role_level: int | None = None
) -> int | None:
    """The target (percent of staff fully compliant) for a figure of one sector or all
    (""), one role level or all (None), from the targets of the boards it covers."""
    best: dict[int, tuple[tuple[bool, bool], int]] = {}
    for target in targets:
        if target.sector != sector and target.sector:
            continue
        if target.role_level is not None and target.role_level != role_level:
            continue
        rank = (bool(target.sector), target.role_level is not None)
        if target.board_id not in best or rank > best[target.board_id][0]:
            best[target.board_id] = (rank, target.percent)
    return max((percent for _rank, percent in best.values()), default=None)


def rating(percent, target: int | None) -> Rating | None:
    if target is None or percent is None:
        return None
    if percent >= target:
        return Rating.GREEN
    if percent >= target - RAG_AMBER_POINTS:
        return Rating.AMBER
    return Rating.RED
