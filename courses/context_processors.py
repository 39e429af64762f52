"""Counts beside the navigation's work queues: approvals and account link requests."""

from django.utils.functional import SimpleLazyObject

from competencies import policy as staff_policy
from competencies.models import LinkRequest
from courses import selectors


def _counts(user) -> dict:
    roles = staff_policy.navigation_roles(user)
    approvals = selectors.approvals_for(user=user).count()
    # A line manager sees the item while something waits; a coordinator always.
    is_approver = approvals > 0 or roles.get("coordinator")
    counts = {"approvals": approvals if is_approver else None, "link_requests": None}
    if roles.get("coordinator") or roles.get("administrator"):
        counts["link_requests"] = (
            staff_policy.link_requests_visible_to(user)
            .filter(status=LinkRequest.Status.PENDING)
            .count()
        )
    return counts


def nav_counts(request):
    """Evaluated only where a template reads it (the navigation), for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_counts": {}}
    return {"nav_counts": SimpleLazyObject(lambda: _counts(user))}
