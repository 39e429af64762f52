"""The demo site: the home page (and, as the CMS grows, the toolkit). Idempotent."""

from cms.models import HomePage
from cms.site import site_ensure

HOME_INTRODUCTION = (
    "Police, councils, NHS trusts, probation, fire and voluntary organisations across the seven "
    "West Midlands areas train together: one adult safeguarding competency framework, one "
    "training toolkit, and joint sessions where staff from different agencies learn side by side."
)


def seed_site() -> HomePage:
    home = site_ensure()
    if not home.introduction:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()
    return home
