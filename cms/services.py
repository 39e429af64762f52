"""Writes for the CMS: who may write and who may publish toolkit pages.

Trainers write toolkit pages but cannot publish; everything they write goes through the
"Toolkit moderation" workflow, whose single task is approval by the Moderators group (approving
publishes the page; rejecting sends it back with a comment). Set up by code, never by hand.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from competencies.roles import MODERATORS, TRAINERS, groups_ensure

WORKFLOW_NAME = "Toolkit moderation"
TASK_NAME = "Moderator approval"

TRAINER_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
]
# Documents (toolkit resources) and images used in module bodies, in every collection.
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailimages": ["add_image", "change_image", "choose_image"],
}


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(
        content_type__app_label="wagtailcore", codename=codename
    )


@transaction.atomic
def moderation_ensure(*, toolkit: Page, site_root: Page) -> Workflow:
    """Give Trainers add/change (not publish) on the toolkit, Moderators add/change/publish on
    the whole site, both the document and image library, and put the toolkit under the
    "Toolkit moderation" workflow (Moderators approve). Idempotent: a second run changes
    nothing. Raises Permission.DoesNotExist only if Wagtail's migrations have not run."""
    groups = groups_ensure()
    trainers, moderators = groups[TRAINERS], groups[MODERATORS]

    for codename in TRAINER_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=trainers, page=toolkit, permission=_page_permission(codename)
        )
    for codename in MODERATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=moderators, page=site_root, permission=_page_permission(codename)
        )

    root_collection = Collection.get_first_root_node() or Collection.add_root(
        name="Root"
    )
    for group in (trainers, moderators):
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            ):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0}
    )
    WorkflowPage.objects.update_or_create(page=toolkit, defaults={"workflow": workflow})
    return workflow
