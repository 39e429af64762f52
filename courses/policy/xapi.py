"""E-learning completions over xAPI: which statements count, from when, and who may read
them (docs/xapi.md)."""

import datetime
import re

from django.db.models import Q
from django.utils import timezone

COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
PASSED = "http://adlnet.gov/expapi/verbs/passed"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"
COMPLETION_VERBS = frozenset({COMPLETED, PASSED})

VERSION = "1.0.3"
# xAPI 1.0.3: an LRS accepts "1.0" and any "1.0.x" as 1.0.3; anything else is refused.
SUPPORTED_VERSION = re.compile(r"1\.0(\.\d+)?")


def version_supported(header: str | None) -> bool:
    return bool(header) and SUPPORTED_VERSION.fullmatch(header.strip()) is not None


def counts_as_completion(statement: dict) -> bool:
    """A statement counts when its verb is completed or passed, unless its result says the
    learner did not succeed (a SCORM package reports "completed" with success false when the
    content was finished and the assessment failed)."""
    verb = (statement.get("verb") or {}).get("id")
    result = statement.get("result") or {}
    return verb in COMPLETION_VERBS and result.get("success") is not False


def completion_date(
    *, timestamp: datetime.datetime, stored: datetime.datetime
) -> datetime.date:
    """The day the competency was achieved: the statement's timestamp in local time, never
    later than when we stored it (a platform's clock running fast must not date records in the
    future)."""
    return timezone.localdate(min(timestamp, stored))


def statements_visible_to_q(client) -> Q:
    """A platform reads back only the statements it sent: one platform's learners are no
    business of another's."""
    return Q(client=client)


def statement_visible_to(client, statement) -> bool:
    return statement.client_id == client.pk
