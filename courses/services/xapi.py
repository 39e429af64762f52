"""E-learning completions over xAPI 1.0.3 (docs/xapi.md): platforms' credentials, and the
statements they send becoming competency records.

Every valid statement is stored, whatever it says. A completion (courses.policy.
counts_as_completion) by a staff member (actor mbox = work email) of a module's e-learning
activity (object id = the module page's activity IRI) writes that module's records, source
"e-learning", dated by courses.policy.completion_date, once per statement id: a statement id
already stored changes nothing (the same statement again is accepted, a different one is
XapiError CONFLICT). A voiding statement revokes what the statement it voids wrote.
"""

import datetime
import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.models import ModulePage
from competencies.compliance_cache import compliance_deferred
from competencies.exceptions import CompetencyError
from competencies.models import CompetencyRecord, StaffMember
from competencies.services import record_create, record_revoke
from courses import policy
from courses.exceptions import XapiError
from courses.models import XapiClient, XapiStatement
from courses.policy.xapi import VOIDED
from courses.services.notices import audit
from courses.xapi import auth
from courses.xapi.statements import Parsed, comparable, parse_statement

Outcome = XapiStatement.Outcome


def xapi_client_credentials_new(*, client: XapiClient, by=None) -> str:
    """Give `client` a new key and secret (saved, audited as courses.xapi.client.credentials);
    returns the secret, which is shown once and kept only as a hash."""
    secret = auth.new_secret()
    client.key = auth.new_key()
    client.secret_hash = auth.secret_hash(secret)
    client.full_clean()
    client.save()
    audit(client, "courses.xapi.client.credentials", by, key=client.key)
    return secret


@transaction.atomic
def xapi_client_create(*, name: str, by=None, note: str = "") -> tuple[XapiClient, str]:
    """A new xAPI client named `name`: (the client, its secret)."""
    client = XapiClient(name=name.strip(), note=note)
    secret = xapi_client_credentials_new(client=client, by=by)
    return client, secret


def statements_store(
    *,
    client: XapiClient,
    statements: list,
    statement_id: uuid.UUID | None = None,
    now: datetime.datetime | None = None,
) -> list[uuid.UUID]:
    """Store a batch (or, with `statement_id`, the one statement PUT under that id) all or
    nothing, and act on each new one. Returns the ids in the order sent.

    Raises XapiError BAD_STATEMENT (naming the statement and why), ID_MISMATCH,
    DUPLICATE_IN_BATCH, CONFLICT (an id already stored for a different statement).
    """
    now = now or timezone.now()
    parsed = []
    for index, raw in enumerate(statements):
        if statement_id is not None and isinstance(raw, dict) and "id" not in raw:
            raw = {"id": str(statement_id), **raw}
        item = parse_statement(raw, index=index)
        if statement_id is not None and item.id != statement_id:
            raise XapiError("ID_MISMATCH", id=item.id, param=statement_id)
        parsed.append(item)
    ids = [item.id for item in parsed]
    repeated = {i for i in ids if ids.count(i) > 1}
    if repeated:
        raise XapiError("DUPLICATE_IN_BATCH", id=sorted(map(str, repeated))[0])
    try:
        _store(client=client, parsed=parsed, now=now)
    except IntegrityError:
        # Another request stored one of these ids meanwhile: decide again against it.
        _store(client=client, parsed=parsed, now=now)
    return ids


def _store(*, client: XapiClient, parsed: list[Parsed], now) -> None:
    with transaction.atomic(), compliance_deferred():
        existing = XapiStatement.objects.select_for_update().in_bulk(
            [item.id for item in parsed]
        )
        for item in parsed:
            held = existing.get(item.id)
            if held is not None:
                if comparable(held.raw) != comparable(item.raw):
                    raise XapiError("CONFLICT", id=item.id)
                continue
            _create(client=client, item=item, now=now)
        XapiClient.objects.filter(pk=client.pk).update(last_used_at=now)


def _create(*, client: XapiClient, item: Parsed, now) -> XapiStatement:
    statement = XapiStatement(
        id=item.id,
        client=client,
        raw=item.raw,
        verb=item.verb[:500],
        actor_mbox=item.email[:320],
        object_id=item.object_id[:2000],
        timestamp=item.timestamp or now,
        stored=now,
        voids=item.voids,
    )
    if item.verb == VOIDED:
        statement.outcome = Outcome.VOIDING
        statement.save()
        _void(voiding=statement, now=now)
        return statement
    statement.staff = (
        StaffMember.objects.filter(email__iexact=item.email).first()
        if item.email
        else None
    )
    statement.module = ModulePage.objects.filter(
        elearning_activity_iri=item.object_id
    ).first()
    # A voiding statement may arrive first: then this one is void from the start.
    statement.voided = XapiStatement.objects.filter(
        voids=item.id, verb=VOIDED, client=client
    ).exists()
    if not policy.counts_as_completion(item.raw):
        statement.outcome = Outcome.NOT_COMPLETION
    elif statement.staff is None:
        statement.outcome = Outcome.UNKNOWN_PERSON
    elif statement.module is None:
        statement.outcome = Outcome.UNKNOWN_ACTIVITY
    else:
        statement.outcome = Outcome.RECORDED
    statement.save()
    if statement.outcome == Outcome.RECORDED and not statement.voided:
        _record(statement, now=now)
    return statement


def _record(statement: XapiStatement, *, now) -> None:
    """The module's competency records for the statement's person."""
    module, staff = statement.module, statement.staff
    achieved_on = policy.completion_date(timestamp=statement.timestamp, stored=now)
    records, skipped = [], []
    for link in module.delivered_competencies.select_related("competency"):
        try:
            records.append(
                record_create(
                    staff=staff,
                    competency=link.competency,
                    level=link.level,
                    achieved_on=achieved_on,
                    source=CompetencyRecord.Source.ELEARNING,
                    refresh_months=module.refresh_months,
                    source_detail=f"{module.title} (e-learning, {statement.client.name})"[
                        :255
                    ],
                )
            )
        except CompetencyError:
            # A level the framework no longer assesses: the rest still count.
            skipped.append(link.competency.code)
    if not records:
        statement.outcome = Outcome.NOTHING_DELIVERED
        statement.save(update_fields=["outcome"])
        return
    statement.records.set(records)
    audit(
        staff,
        "courses.xapi.record",
        None,
        client=statement.client.name,
        statement=str(statement.id),
        module=module.title,
        records=[r.pk for r in records],
        skipped=skipped,
    )


def _void(*, voiding: XapiStatement, now) -> None:
    """Void the statement `voiding` refers to, if its client sent it and it is not itself
    voiding (xAPI: a voiding statement cannot be voided): its records are revoked."""
    target = (
        XapiStatement.objects.select_for_update()
        .filter(pk=voiding.voids, voided=False)
        .exclude(verb=VOIDED)
        .first()
    )
    if target is None or not policy.statement_visible_to(voiding.client, target):
        return
    target.voided = True
    target.save(update_fields=["voided"])
    revoked = []
    for record in target.records.filter(revoked_at__isnull=True):
        record_revoke(
            record=record,
            reason=f"E-learning completion voided by {voiding.client.name} "
            f"(xAPI statement {voiding.id})",
            when=now,
        )
        revoked.append(record.pk)
    if target.staff is not None:
        audit(
            target.staff,
            "courses.xapi.void",
            None,
            client=voiding.client.name,
            statement=str(target.id),
            voided_by=str(voiding.id),
            records=revoked,
        )
