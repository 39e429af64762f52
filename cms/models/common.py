"""Levels and the page-context hooks every page of the site shares."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

LEVEL_CHOICES = [(n, _("Level %(n)s") % {"n": n}) for n in range(1, 6)]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def run_page_context_hooks(page, request, context):
    """The cross-app agreement: other apps (courses) add context to CMS pages through the
    "cms_page_context" hook, so cms never imports them."""
    for fn in hooks.get_hooks("cms_page_context"):
        context.update(fn(page=page, request=request) or {})
    return context


def level_from_request(request) -> tuple[int | None, str]:
    """The ?level= filter: a level number 1-5, or (None, error message) for anything else."""
    raw = request.GET.get("level", "").strip()
    if not raw:
        return None, ""
    if raw.isdigit() and 1 <= int(raw) <= 5:
        return int(raw), ""
    return None, _("Choose a level from 1 to 5.")
