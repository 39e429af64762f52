"""Reading statements as the xAPI 1.0.3 specification defines them.

A statement is checked before anything is stored: a missing or malformed actor, verb or object,
an id that is not a UUID, a property the specification does not define or set to null is a 400
naming the statement and the property. Only what we need is checked deeply (who, what, which
activity, when); the rest is kept exactly as sent and served back unchanged.
"""

import datetime
import json
import re
import uuid
from dataclasses import dataclass

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses.exceptions import XapiError
from courses.policy.xapi import VOIDED

STATEMENT_PROPERTIES = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
OBJECT_TYPES = {"Activity", "Agent", "Group", "StatementRef", "SubStatement"}
# RFC 3987: an IRI starts with a scheme.
IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")
UUID_FORM = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
# Served back as the LRS sets them, so never part of comparing two statements.
SET_BY_LRS = ("stored", "authority", "version")
MAX_DEPTH = 32


class Invalid(Exception):
    """One statement is not valid; the message says where."""


@dataclass
class Parsed:
    raw: dict
    id: uuid.UUID
    verb: str
    email: str  # the actor's mbox without "mailto:", lower-cased; "" if none
    object_id: str
    voids: uuid.UUID | None
    timestamp: datetime.datetime | None


def parse_body(body: bytes, *, single: bool = False) -> list[dict]:
    """The statements in a request body: one object, or (unless `single`, as PUT is) a
    non-empty array of them."""
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise XapiError("BAD_JSON", reason=_("it is not UTF-8 text.")) from None
    except json.JSONDecodeError as exc:
        raise XapiError("BAD_JSON", reason=str(exc)) from None
    except RecursionError:
        raise XapiError("BAD_JSON", reason=_("it is nested too deeply.")) from None
    if single and isinstance(data, list):
        raise XapiError("BAD_JSON", reason=_("PUT stores one statement, not an array."))
    statements = data if isinstance(data, list) else [data]
    if not statements:
        raise XapiError("NO_STATEMENTS")
    return statements


def parse_uuid(value) -> uuid.UUID | None:
    if not isinstance(value, str) or not UUID_FORM.fullmatch(value):
        return None
    return uuid.UUID(value)


def parse_statement(raw, *, index: int = 0) -> Parsed:
    """Check one statement (raises XapiError BAD_STATEMENT) and pick out what we use. A
    statement without an id is given one, as the LRS must."""
    try:
        return _parse(raw)
    except Invalid as exc:
        raise XapiError("BAD_STATEMENT", index=index, reason=str(exc)) from None


def _parse(raw) -> Parsed:
    if not isinstance(raw, dict):
        raise Invalid(_("a statement is a JSON object."))
    unknown = sorted(set(raw) - STATEMENT_PROPERTIES)
    if unknown:
        raise Invalid(_("unknown property %(name)s.") % {"name": ", ".join(unknown)})
    _no_nulls(raw, "statement")
    for name in ("actor", "verb", "object"):
        if name not in raw:
            raise Invalid(_("the %(name)s is missing.") % {"name": name})
    if "id" in raw:
        statement_id = parse_uuid(raw["id"])
        if statement_id is None:
            raise Invalid(_("its id %(id)r is not a UUID.") % {"id": raw["id"]})
    else:
        statement_id = uuid.uuid4()
        raw = {"id": str(statement_id), **raw}
    email = _agent(raw["actor"], "actor")
    verb = raw["verb"]
    if not isinstance(verb, dict) or not _is_iri(verb.get("id")):
        raise Invalid(_("verb.id must be an IRI."))
    obj = raw["object"]
    object_id, voids = _object(obj)
    if verb["id"] == VOIDED and voids is None:
        raise Invalid(_("a voiding statement's object must be a StatementRef."))
    for name in ("result", "context"):
        if name in raw and not isinstance(raw[name], dict):
            raise Invalid(_("%(name)s must be an object.") % {"name": name})
    result = raw.get("result") or {}
    for flag in ("success", "completion"):
        if flag in result and not isinstance(result[flag], bool):
            raise Invalid(_("result.%(name)s must be true or false.") % {"name": flag})
    registration = (raw.get("context") or {}).get("registration")
    if registration is not None and parse_uuid(registration) is None:
        raise Invalid(_("context.registration must be a UUID."))
    timestamp = None
    if "timestamp" in raw:
        timestamp = parse_timestamp(raw["timestamp"])
        if timestamp is None:
            raise Invalid(_("timestamp must be an ISO 8601 date and time."))
    version = raw.get("version")
    if version is not None and not (
        isinstance(version, str) and re.fullmatch(r"1\.0(\.\d+)?", version)
    ):
        raise Invalid(_("version %(v)r is not 1.0.x.") % {"v": version})
    return Parsed(
        raw=raw,
        id=statement_id,
        verb=verb["id"],
        email=email,
        object_id=object_id,
        voids=voids if verb["id"] == VOIDED else None,
        timestamp=timestamp,
    )


def _no_nulls(value, where: str, depth: int = 0) -> None:
    """Refuse null values (extensions hold anything their owner defines; everywhere else null
    has no meaning) and text no database can store: NUL characters, lone surrogates."""
    if depth > MAX_DEPTH:
        raise Invalid(_("%(where)s is nested too deeply.") % {"where": where})
    if isinstance(value, dict):
        for key, item in value.items():
            _storable(key, where)
            if item is None and "extensions" not in where:
                raise Invalid(_("%(where)s is null.") % {"where": f"{where}.{key}"})
            _no_nulls(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list):
        for item in value:
            _no_nulls(item, where, depth + 1)
    elif isinstance(value, str):
        _storable(value, where)


def _storable(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(
            _("%(where)s holds an unpaired surrogate.") % {"where": where}
        ) from None
    if "\x00" in text:
        raise Invalid(_("%(where)s holds a NUL character.") % {"where": where})


def _is_iri(value) -> bool:
    return isinstance(value, str) and IRI.fullmatch(value) is not None


def _agent(agent, where: str) -> str:
    """Check an Agent or Group; return its mbox's email ("" when identified otherwise)."""
    if not isinstance(agent, dict):
        raise Invalid(_("%(where)s must be an object.") % {"where": where})
    kind = agent.get("objectType", "Agent")
    if kind not in ("Agent", "Group"):
        raise Invalid(_("%(where)s must be an Agent or a Group.") % {"where": where})
    ifis = [name for name in IFIS if name in agent]
    if len(ifis) > 1:
        raise Invalid(
            _("%(where)s has more than one identifier (%(ifis)s).")
            % {"where": where, "ifis": ", ".join(ifis)}
        )
    if not ifis:
        if kind == "Group" and isinstance(agent.get("member"), list):
            return ""  # an anonymous group: its members are who it is
        raise Invalid(
            _("%(where)s needs one of mbox, mbox_sha1sum, openid or account.")
            % {"where": where}
        )
    if "mbox" in agent:
        mbox = agent["mbox"]
        if not isinstance(mbox, str) or not re.fullmatch(r"mailto:[^@\s]+@\S+", mbox):
            raise Invalid(
                _("%(where)s.mbox must be mailto: and an email address.")
                % {"where": where}
            )
        return mbox[len("mailto:") :].strip().lower()
    if "account" in agent:
        account = agent["account"]
        if not (
            isinstance(account, dict)
            and _is_iri(account.get("homePage"))
            and isinstance(account.get("name"), str)
        ):
            raise Invalid(
                _("%(where)s.account needs a homePage IRI and a name.")
                % {"where": where}
            )
    return ""


def _object(obj) -> tuple[str, uuid.UUID | None]:
    """(the object's id as stored, the statement it refers to if a StatementRef)."""
    if not isinstance(obj, dict):
        raise Invalid(_("object must be a JSON object."))
    kind = obj.get("objectType", "Activity")
    if kind not in OBJECT_TYPES:
        raise Invalid(_("object.objectType %(t)r is not known.") % {"t": kind})
    if kind == "Activity":
        if not _is_iri(obj.get("id")):
            raise Invalid(_("object.id must be an IRI."))
        return obj["id"], None
    if kind == "StatementRef":
        target = parse_uuid(obj.get("id"))
        if target is None:
            raise Invalid(_("object.id of a StatementRef must be a UUID."))
        return str(target), target
    if kind == "SubStatement":
        for name in ("actor", "verb", "object"):
            if name not in obj:
                raise Invalid(
                    _("the sub-statement's %(name)s is missing.") % {"name": name}
                )
        return "", None
    _agent(obj, "object")
    return "", None


def parse_timestamp(value) -> datetime.datetime | None:
    """An ISO 8601 date and time (in UTC), None if it is not one or not in years 1900 to
    9998; one without a zone is taken as UTC."""
    if not isinstance(value, str):
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    try:
        # In range for every time zone we convert it to (UTC stored, London dates).
        moment = moment.astimezone(datetime.UTC)
    except OverflowError:
        return None
    return moment if 1900 <= moment.year <= 9998 else None


def comparable(raw: dict) -> dict:
    """What must match for two statements with one id to be the same statement."""
    return {k: v for k, v in raw.items() if k not in SET_BY_LRS}


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds")


def served(statement, *, site_url: str) -> dict:
    """The statement as GET returns it: as sent, with what the LRS sets (stored, authority,
    the timestamp and version when the platform gave none)."""
    client = statement.client
    return {
        **statement.raw,
        "timestamp": statement.raw.get("timestamp") or iso(statement.timestamp),
        "stored": iso(statement.stored),
        "authority": {
            "objectType": "Agent",
            "name": client.name,
            "account": {"homePage": site_url, "name": f"xapi-client-{client.pk}"},
        },
        "version": statement.raw.get("version") or "1.0.0",
    }
