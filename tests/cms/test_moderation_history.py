"""Approving a page from its edit view, untouched, publishes the submitted revision and
writes no "Draft saved" entry of its own (the history shows what the moderator did)."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import ModulePage

pytestmark = pytest.mark.django_db

ACTIVITY = {
    "title": "Who would you tell?",
    "minutes": "10",  # posted as text, as every browser does
    "grouping": "individual",
    "instructions": rich_text("<p>Find your safeguarding lead's number.</p>"),
    "outcome": "A contact you can use tomorrow",
}


def form(*, competency, links=(), block=None, action):
    """The edit form as the browser posts it; with the stored `block`, as its editor shows it
    (same block id, rich text with the stored block keys)."""
    activity = dict(ACTIVITY)
    if block is not None:
        activity["instructions"] = rich_text(block.value["instructions"].source)
    body = streamfield([("activity", activity)])
    if block is not None:
        body["0"]["id"] = block.id
    return nested_form_data(
        {
            "title": "Prevent basics",
            "slug": "prevent-basics",
            "summary": "How to notice, check and share a concern.",
            "learning_outcomes": "Apply notice, check, share",
            "level": "2",
            "duration_hours": "1.25",
            "delivery_mode": "e_learning",
            "refresh_months": "36",
            "delivered_competencies": inline_formset(
                [
                    {
                        "id": str(link.pk),
                        "competency": str(competency.pk),
                        "level": "2",
                        "ORDER": str(number),
                    }
                    for number, link in enumerate(links, 1)
                ]
                or [{"competency": str(competency.pk), "level": "2"}],
                initial=len(links),
            ),
            "body": body,
            "resources": inline_formset([]),
            "comments": inline_formset([]),
            **action,
        }
    )


def test_approving_an_untouched_page_saves_no_draft(
    client,
    toolkit,
    trainer,
    moderator,
    sa63,
):
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "modulepage", toolkit.pk)),
        form(competency=sa63, action={"action-submit": "1"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    module = ModulePage.objects.get(slug="prevent-basics")
    submitted = module.get_latest_revision()

    client.force_login(moderator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[module.pk]),
        form(
            competency=sa63,
            links=list(module.delivered_competencies.all()),
            block=submitted.as_object().body[0],
            action={"action-workflow-action": "1", "workflow-action-name": "approve"},
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    module.refresh_from_db()
    assert module.live and module.live_revision_id == submitted.pk
    assert not module.has_unpublished_changes
    moderator_actions = list(
        PageLogEntry.objects.filter(page=module, user=moderator)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert moderator_actions == ["wagtail.workflow.approve", "wagtail.publish"]
    assert module.live_revision.as_object().body[0].value["minutes"] == 10
