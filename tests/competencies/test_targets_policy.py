"""The compliance-target rule (docs/compliance.md, Targets): which target a figure is held to
and its red/amber/green rating."""

from types import SimpleNamespace

import pytest

from competencies.policy import RAG_AMBER_POINTS, Rating, rating, target_for


def t(board, percent, sector="", level=None):
    return SimpleNamespace(
        board_id=board, percent=percent, sector=sector, role_level=level
    )


SANDWELL = [
    t(1, 90),
    t(1, 95, sector="police"),
    t(1, 80, level=1),
    t(1, 99, sector="police", level=1),
]


@pytest.mark.parametrize(
    "sector, level, expected",
    [
        ("", None, 90),  # the whole board's figure: the board-wide target
        ("police", None, 95),  # a sector's figure: the sector's target
        ("health", None, 90),  # a sector with none of its own: board-wide
        ("", 1, 80),  # a role level's figure
        ("", 2, 90),
        ("police", 1, 99),  # sector and level: the most specific
        ("health", 1, 80),  # sector without a target of its own, level with one
    ],
)
def test_most_specific_target_of_a_board_applies(sector, level, expected):
    assert target_for(SANDWELL, sector=sector, role_level=level) == expected


def test_a_sector_target_does_not_apply_to_the_whole_figure():
    assert target_for([t(1, 95, sector="police")]) is None


def test_several_boards_take_the_highest_of_their_targets():
    targets = [t(1, 90), t(2, 85), t(2, 97, sector="police")]
    assert target_for(targets) == 90
    # Board 2's police target is more specific for board 2, and higher than board 1's.
    assert target_for(targets, sector="police") == 97


def test_no_targets_no_target():
    assert target_for([]) is None


@pytest.mark.parametrize(
    "percent, expected",
    [
        (90.0, Rating.GREEN),
        (100.0, Rating.GREEN),
        (89.9, Rating.AMBER),
        (90 - RAG_AMBER_POINTS, Rating.AMBER),
        (90 - RAG_AMBER_POINTS - 0.1, Rating.RED),
        (0.0, Rating.RED),
    ],
)
def test_rating_against_a_target_of_90(percent, expected):
    assert rating(percent, 90) == expected


def test_no_rating_without_a_target_or_a_figure():
    assert rating(50.0, None) is None
    assert rating(None, 90) is None
