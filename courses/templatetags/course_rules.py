"""courses.policy rules that templates ask about a booking ({% load course_rules %})."""

from django import template

from courses import policy

register = template.Library()


@register.filter
def follow_up_open(booking) -> bool:
    """{% if booking|follow_up_open %}: the three-month follow-up may be answered now."""
    return policy.follow_up_open(booking)


@register.filter
def follow_up_opens_on(booking):
    """{{ booking|follow_up_opens_on|date:"j F Y" }}: the day the follow-up opens."""
    return policy.follow_up_opens_on(booking.session)
