"""The permissions the courses app gives the partnership's role groups (seed_demo calls this)."""

from competencies.roles import COORDINATORS, TRAINERS, grant, groups_ensure


def permissions_grant() -> None:
    """Trainers schedule, copy and cancel sessions; coordinators may look at them. Idempotent."""
    groups_ensure()
    grant(
        TRAINERS,
        "courses",
        "add_session",
        "change_session",
        "view_session",
        "view_booking",
        "view_certificate",
        "add_agencyreservation",
        "view_agencyreservation",
    )
    grant(
        COORDINATORS,
        "courses",
        "view_session",
        "view_certificate",
        "view_agencyreservation",
    )
