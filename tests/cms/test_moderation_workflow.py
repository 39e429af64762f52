"""Trainers write toolkit pages and submit them; only Moderators publish (issue 4)."""

import pytest
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    TaskState,
    WorkflowPage,
    WorkflowState,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import ModulePage
from cms.services import WORKFLOW_NAME, moderation_ensure

pytestmark = pytest.mark.django_db


def module_form(*, title, slug, competencies, action):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "How to notice, check and share a concern about radicalisation.",
            "learning_outcomes": "Apply notice, check, share to a Prevent concern",
            "level": "2",
            "duration_hours": "1.25",
            "delivery_mode": "e_learning",
            "refresh_months": "36",
            "delivered_competencies": inline_formset(
                [{"competency": str(c.pk), "level": str(lv)} for c, lv in competencies]
            ),
            "body": streamfield([]),
            "resources": inline_formset([]),
            "comments": inline_formset([]),
            action: "1",
        }
    )


def trainer_submits(client, trainer, toolkit, competencies, *, slug="prevent-basics"):
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "modulepage", toolkit.pk)),
        module_form(
            title="Prevent basics",
            slug=slug,
            competencies=competencies,
            action="action-submit",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ModulePage.objects.get(slug=slug)


def moderate(client, moderator, page, action, **data):
    client.force_login(moderator)
    task_state = page.current_workflow_task_state
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, action, task_state.pk),
        ),
        data,
    )


def test_trainer_submits_module_and_moderator_approval_publishes_it(
    client, toolkit, trainer, moderator, sa63, sa23
):
    module = trainer_submits(client, trainer, toolkit, [(sa63, 2), (sa23, 2)])

    assert not module.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(module.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == WORKFLOW_NAME
    assert module.get_latest_revision().user == trainer
    client.logout()
    assert client.get("/toolkit/prevent-basics/").status_code == 404

    response = moderate(client, moderator, module, "approve")
    assert response.status_code == 302

    module.refresh_from_db()
    assert module.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    response = client.get("/toolkit/prevent-basics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "SA6.3 Radicalisation (Prevent)" in html
    assert "SA2.3 Recording" in html
    assert "Applies notice, check, share." in html  # the level 2 indicator


def test_rejected_module_stays_unpublished_with_the_moderators_comment(
    client, toolkit, trainer, moderator, sa63
):
    module = trainer_submits(client, trainer, toolkit, [(sa63, 2)])
    task_state = module.current_workflow_task_state

    response = moderate(
        client, moderator, module, "reject", comment="Add the referral route, please."
    )
    assert response.status_code == 302

    module.refresh_from_db()
    assert not module.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == "Add the referral route, please."
    assert module.workflow_states.get().status == WorkflowState.STATUS_NEEDS_CHANGES
    client.logout()
    assert client.get("/toolkit/prevent-basics/").status_code == 404


def test_trainer_cannot_publish_even_by_posting_the_publish_action(
    client, toolkit, trainer, sa63
):
    client.force_login(trainer)
    client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "modulepage", toolkit.pk)),
        module_form(
            title="Prevent basics",
            slug="prevent-basics",
            competencies=[(sa63, 2)],
            action="action-publish",
        ),
    )
    module = ModulePage.objects.get(slug="prevent-basics")
    assert not module.live
    permissions = module.permissions_for_user(trainer)
    assert permissions.can_edit()
    assert not permissions.can_publish()


def test_moderator_can_publish_and_trainer_cannot_write_outside_the_toolkit(
    toolkit, trainer, moderator, home_page
):
    assert toolkit.permissions_for_user(moderator).can_publish_subpage()
    assert toolkit.permissions_for_user(trainer).can_add_subpage()
    assert not home_page.permissions_for_user(trainer).can_add_subpage()
    assert not home_page.permissions_for_user(trainer).can_edit()


def test_level_must_be_one_the_competency_is_assessed_at(
    client, toolkit, trainer, sa23
):
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "modulepage", toolkit.pk)),
        module_form(
            title="Recording",
            slug="recording",
            competencies=[(sa23, 3)],  # SA2.3 has no level 3 indicator here
            action="action-submit",
        ),
    )
    assert response.status_code == 200
    assert "SA2.3 is assessed at level 1, 2, 4 only" in response.content.decode()
    assert not ModulePage.objects.filter(slug="recording").exists()


def test_the_same_competency_twice_is_a_form_error_not_a_crash(
    client, toolkit, trainer, sa63
):
    client.force_login(trainer)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("cms", "modulepage", toolkit.pk)),
        module_form(
            title="Twice",
            slug="twice",
            competencies=[(sa63, 1), (sa63, 2)],
            action="action-submit",
        ),
    )
    assert response.status_code == 200
    assert "Please correct the duplicate data for module and competency" in (
        response.content.decode()
    )
    assert not ModulePage.objects.filter(slug="twice").exists()


def test_moderation_setup_is_idempotent(toolkit, home_page):
    counts = (
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )
    moderation_ensure(toolkit=toolkit, site_root=home_page)
    moderation_ensure(toolkit=toolkit, site_root=home_page)
    assert (
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts
    assert WorkflowPage.objects.get(page=toolkit).workflow.name == WORKFLOW_NAME
