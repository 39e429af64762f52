"""The public URIs of framework items in 1EdTech CASE 1.1 terms.

One place, because the CASE provider API serves them and Open Badges credentials point at them
(`alignment.targetUrl`): a credential issued today must still resolve after a wording change, so
the URI is built from the item's stable `sourced_id`, never from its code.
"""

from django.conf import settings

CASE_PATH = "/ims/case/v1p1"


def case_base_url() -> str:
    return settings.SITE_URL.rstrip("/") + CASE_PATH


def document_uri(framework) -> str:
    return f"{case_base_url()}/CFDocuments/{framework.sourced_id}"


def item_uri(obj) -> str:
    """A competency's (or a domain's) CFItem URI."""
    return f"{case_base_url()}/CFItems/{obj.sourced_id}"


def association_uri(sourced_id) -> str:
    return f"{case_base_url()}/CFAssociations/{sourced_id}"
