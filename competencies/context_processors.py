from competencies import policy


def user_roles(request):
    """What the signed-in user may reach, for the navigation (one cached groups query)."""
    return {"user_roles": policy.navigation_roles(getattr(request, "user", None))}
