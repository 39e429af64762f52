"""Wagtail's audit `log()` for many objects at once: the same entries, written in bulk.

`wagtail.log_actions.log` saves one entry per call, and the entry's save() runs full_clean(),
which looks up each foreign key in the database: a few queries and an insert per entry, too
slow for an import of tens of thousands of people. `log_many` builds every entry as `log()`
would (the registry's log model for the object, the user and uuid of the active log context,
the content type, the object's title, the data), checks the first entry of each action as
save() would, and writes them with bulk_create in the caller's transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, registry
from wagtail.models import ModelLogEntry
from wagtail.models.audit_log import ModelLogEntryManager

BATCH = 1000


@dataclass
class Entry:
    """What one `log(instance, action, title=..., data=..., ...)` call would be given."""

    instance: models.Model
    action: str
    title: str = ""
    data: dict | None = None
    content_changed: bool = False
    deleted: bool = False


def log_many(entries: Iterable[Entry], *, user=None, uuid=None) -> list[ModelLogEntry]:
    """Write one audit-log entry per `Entry`, exactly as `log()` would write each of them.

    Objects whose model has no log model registered are skipped, as `log()` skips them. Only
    models logged with ModelLogEntry are supported: other log models (pages) record more.
    """
    context = get_active_log_context()
    user = user or context.user
    uuid = uuid or context.uuid
    user_id = user.pk if user is not None else None
    timestamp = timezone.now()
    per_class: dict[type, tuple] = {}
    checked: set[tuple] = set()
    written = []
    for entry in entries:
        instance = entry.instance
        if type(instance) not in per_class:
            per_class[type(instance)] = _log_model_and_type(instance)
        log_model, content_type = per_class[type(instance)]
        if log_model is None:
            continue
        if instance.pk is None:
            raise ValueError(
                f"Attempted to log an action for object {instance!r} with empty primary key"
            )
        log_entry = log_model(
            # Keys rather than objects: the same row, for less work per entry.
            content_type_id=content_type.pk,
            label=entry.title or log_model.objects.get_instance_title(instance),
            action=entry.action,
            timestamp=timestamp,
            data=entry.data or {},
            user_id=user_id,
            uuid=uuid,
            object_id=str(instance.pk),
            content_changed=entry.content_changed,
            deleted=entry.deleted,
        )
        if (type(instance), entry.action) not in checked:
            # save() would full_clean() every entry, at a few queries each; the first of each
            # action on each model catches what would fail them all (an unregistered action,
            # a content type or user that does not exist).
            log_entry.full_clean()
            checked.add((type(instance), entry.action))
        written.append(log_entry)
    by_model: dict[type, list] = {}
    for log_entry in written:
        by_model.setdefault(type(log_entry), []).append(log_entry)
    for log_model, rows in by_model.items():
        log_model.objects.bulk_create(rows, batch_size=BATCH)
    return written


def _log_model_and_type(instance) -> tuple:
    log_model = registry.get_log_model_for_instance(instance)
    if log_model is None:
        return None, None
    if not isinstance(log_model.objects, ModelLogEntryManager):
        raise TypeError(
            f"log_many() writes ModelLogEntry-like entries; {type(instance).__name__} is "
            f"logged with {log_model.__name__}: use log() for it."
        )
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    return log_model, content_type
