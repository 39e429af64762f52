from competencies import roles


def user_roles(request):
    """What the signed-in user may reach, for the navigation (one cached groups query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"user_roles": {}}
    return {
        "user_roles": {
            "administrator": roles.is_administrator(user),
            "coordinator": roles.has_role(user, roles.COORDINATORS),
            "trainer": roles.has_role(user, roles.TRAINERS),
            "board_chair": roles.has_role(user, roles.BOARD_CHAIRS),
        }
    }
