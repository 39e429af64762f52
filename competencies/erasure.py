"""What erasure reaches beyond the person's own rows: copies of their identifiers in the audit
log, page history, task queue, sessions, sign-in log, pending import files, avatar and search
index. competencies.privacy.staff_erase calls these inside its one transaction; files are
deleted only once it commits, so a rolled-back erasure (or a dry run) deletes nothing.

A person's identifiers come in two strengths. Strong ones (work emails, email-like usernames,
full names) are theirs alone and are looked for in any row. Their first name, last name,
non-email username and employee reference alone are common words or shared values, so they are
taken out only of rows known to be about the person, never out of other people's.
"""

import functools
import json
import re
from dataclasses import dataclass
from importlib import import_module

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import JSONField, Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from competencies.imports import pending

REDACTED = "[erased]"

# Rows of other people or of the site that may quote a person's email or full name, as
# (model, text or JSON fields, the kind of data reported). A model not installed is skipped.
COPIES = (
    ("wagtailcore.ModelLogEntry", ("label", "data"), "audit log entries"),
    ("wagtailcore.PageLogEntry", ("label", "data"), "page history entries"),
    ("wagtailcore.Revision", ("object_str", "content"), "revisions"),
    ("wagtailcore.Comment", ("text",), "page comments"),
    ("wagtailcore.CommentReply", ("text",), "page comments"),
    ("wagtailcore.TaskState", ("comment",), "moderation comments"),
    (
        "django_tasks_database.DBTaskResult",
        ("args_kwargs", "return_value", "traceback"),
        "background task results",
    ),
)


@dataclass(frozen=True)
class Identifiers:
    """A person's identifying values from before erasure, lower case."""

    strong: tuple[str, ...]
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, *, strong, names=()) -> "Identifiers":
        def clean(values, shortest):
            kept = {v.strip().lower() for v in values if v and v.strip()}
            return tuple(sorted(v for v in kept if len(v) >= shortest))

        return cls(strong=clean(strong, 5), names=clean(names, 2))

    def __contains__(self, value) -> bool:
        return isinstance(value, str) and value.strip().lower() in self.strong

    def __iter__(self):
        return iter(self.strong)

    @functools.cached_property
    def _anywhere(self):
        return self._pattern(self.strong)

    @functools.cached_property
    def _own(self):
        return self._pattern(self.strong + self.names)

    @staticmethod
    def _pattern(values):
        if not values:
            return None
        # Longest first, so a full name goes as a whole before its parts; whole words only,
        # so "Ann" leaves "Annual" alone.
        ordered = sorted(values, key=len, reverse=True)
        alternatives = "|".join(re.escape(v) for v in ordered)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def redact(self, value, *, own: bool = False):
        """`value` (text, or JSON-like lists and dicts) with every identifier replaced by
        REDACTED; `own` for rows about the person, where their names alone go too."""
        pattern = self._own if own else self._anywhere
        if pattern is None:
            return value
        if isinstance(value, str):
            return pattern.sub(REDACTED, value)
        if isinstance(value, list | tuple):
            return [self.redact(v, own=own) for v in value]
        if isinstance(value, dict):
            return {
                self.redact(k, own=own): self.redact(v, own=own)
                for k, v in value.items()
            }
        return value

    def mentions(self, value, *, own: bool = False) -> bool:
        return self.redact(value, own=own) != value

    def q(self, model, field_name: str) -> Q:
        """Rows whose field contains a strong identifier (a coarse filter; redact decides)."""
        condition = Q(pk__in=[])
        is_json = isinstance(model._meta.get_field(field_name), JSONField)
        for value in self.strong:
            condition |= Q(**{f"{field_name}__icontains": value})
            escaped = json.dumps(value)[1:-1]  # SQLite keeps JSON text ASCII-escaped
            if is_json and escaped != value:
                condition |= Q(**{f"{field_name}__icontains": escaped})
        return condition


def relabel_entries(objects, identifiers: Identifiers) -> int:
    """Audit entries about these objects of the erased person: the label becomes what the
    object says of itself now (the erased name), the data loses their identifiers."""
    by_type: dict[int, dict[str, object]] = {}
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        by_type.setdefault(content_type.pk, {})[str(obj.pk)] = obj
    changed = []
    for content_type_id, by_id in by_type.items():
        entries = ModelLogEntry.objects.filter(
            content_type_id=content_type_id, object_id__in=list(by_id)
        )
        for entry in entries.only("pk", "object_id", "label", "data"):
            entry.label = str(by_id[entry.object_id])
            entry.data = identifiers.redact(entry.data, own=True)
            changed.append(entry)
    ModelLogEntry.objects.bulk_update(changed, ["label", "data"], batch_size=500)
    return len(changed)


def copies_redact(identifiers: Identifiers) -> dict[str, int]:
    """Take the strong identifiers out of every row of COPIES that holds one."""
    counts: dict[str, int] = {}
    for label, fields, kind in COPIES:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        condition = Q(pk__in=[])
        for name in fields:
            condition |= identifiers.q(model, name)
        changed = []
        for row in model._default_manager.filter(condition).only("pk", *fields):
            for name in fields:
                setattr(row, name, identifiers.redact(getattr(row, name)))
            changed.append(row)
        model._default_manager.bulk_update(changed, list(fields), batch_size=500)
        if changed:
            counts[kind] = counts.get(kind, 0) + len(changed)
    return counts


def sign_ins_delete(usernames) -> int:
    """Successful and failed sign-ins and lockouts recorded under any of these usernames."""
    condition = Q(pk__in=[])
    for name in usernames:
        condition |= Q(username__iexact=name)
    removed = 0
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        removed += model.objects.filter(condition).delete()[1].get(model._meta.label, 0)
    return removed


def sessions_clear(*, user, identifiers: Identifiers) -> int:
    """The person's own sessions end; any other session holding one of their identifiers
    (the registration page remembers the address typed) loses those values."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0  # signed-cookie sessions: nothing held here
    changed, now = 0, timezone.now()
    for row in store_class.get_model_class().objects.iterator():
        data = store_class().decode(row.session_data)
        own = user is not None and str(data.get(SESSION_KEY)) == str(user.pk)
        keys = [
            k
            for k, v in data.items()
            if identifiers.mentions(json.dumps(v, default=str))
        ]
        if not own and not keys:
            continue
        store = store_class(session_key=row.session_key)
        if own or row.expire_date <= now or len(keys) == len(data):
            store.delete()
        else:  # live and someone else's: only the values that hold the person go
            for key in keys:
                store.pop(key, None)
            store.save()
        changed += 1
    return changed


def pending_imports_clear(identifiers: Identifiers) -> int:
    """Import files waiting for their confirm that hold the person are removed (after the
    commit); the uploader's confirm then asks for the file again."""
    doomed = []
    for name in pending.names():
        try:
            if identifiers.mentions(pending.text(name)):
                doomed.append(name)
        except OSError:
            continue  # confirmed or removed meanwhile
    for name in doomed:
        transaction.on_commit(functools.partial(_remove_pending, name))
    return len(doomed)


def _remove_pending(name: str) -> None:
    pending.remove(name)


def avatar_remove(user) -> int:
    """The account's Wagtail avatar (a photo, its file name as uploaded)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.objects.filter(user=user).first()
    if profile is None or not profile.avatar:
        return 0
    file_storage, name = profile.avatar.storage, profile.avatar.name
    profile.avatar = ""
    profile.save(update_fields=["avatar"])
    transaction.on_commit(functools.partial(file_storage.delete, name))
    return 1


def search_index_refresh(instance) -> None:
    """Index the anonymised record now, not in a later task, and on SQLite merge the full-text
    index: FTS5 keeps a replaced row's words in its segments until they are merged."""
    from wagtail.search import index

    index.insert_or_update_object(instance)
    if connection.vendor != "sqlite":
        return
    try:
        from wagtail.search.models import SQLiteFTSIndexEntry
    except ImportError:  # SQLite without FTS5: no segments
        return
    table = connection.ops.quote_name(SQLiteFTSIndexEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")  # noqa: S608
