"""What a certificate's Open Badges 3.0 credential says (an `OpenBadgeCredential`, W3C VC Data
Model 2.0). It states no more than the certificate's face, except the hashed email that ties
it to its holder: SHA-256 of the email and a salt kept for this certificate alone, so the hash
matches nobody else's and gives the email away to nobody without it.
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies.case_uris import item_uri
from competencies.models import Competency
from courses.credentials.keys import issuer_did

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile() -> dict:
    """The partnership as an Open Badges `Profile`."""
    from_email = settings.DEFAULT_FROM_EMAIL
    email = settings.CREDENTIAL_ISSUER_EMAIL or (
        from_email.rsplit("<", 1)[-1].rstrip(">").strip()
    )
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": settings.CREDENTIAL_ISSUER_NAME or settings.WAGTAIL_SITE_NAME,
        "url": _site() + "/",
        "email": email,
    }


def identity_hash(email: str, salt: str) -> str:
    """Open Badges' hashed identity: "sha256$" and the hex digest of email + salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def status_list_url(list_number: int) -> str:
    return f"{_site()}/credentials/status/{list_number}/"


def credential_id(certificate) -> str:
    return (
        f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, _site() + '/' + certificate.number)}"
    )


def _alignments(certificate) -> list[dict]:
    """One `Alignment` per competency evidenced, pointing at its CASE item."""
    entries = list(certificate.competencies or [])
    by_id = {
        str(c.sourced_id): c
        for c in Competency.objects.filter(
            sourced_id__in=[e["id"] for e in entries if e.get("id")]
        )
    }
    missing = [e["code"] for e in entries if e.get("id") not in by_id]
    by_code = {}
    for competency in Competency.objects.filter(code__in=missing).order_by("pk"):
        by_code.setdefault(competency.code, competency)
    alignments = []
    for entry in entries:
        competency = by_id.get(entry.get("id")) or by_code.get(entry.get("code"))
        if competency is None:
            continue
        alignments.append(
            {
                "type": ["Alignment"],
                "targetType": "ext:CASE",
                "targetName": entry.get("title") or competency.title,
                "targetCode": entry.get("code") or competency.code,
                "targetDescription": _("Level %(level)s")
                % {"level": entry.get("level")},
                "targetUrl": item_uri(competency),
            }
        )
    return alignments


def _module_summary(certificate) -> str:
    module = getattr(getattr(certificate.booking, "session", None), "module", None)
    return (getattr(module, "summary", "") or "").strip() or certificate.module_title


def credential_payload(certificate) -> dict:
    """The unsigned credential for one certificate (see docs/credentials.md)."""
    hours = float(certificate.learning_hours)
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(),
        "name": certificate.module_title,
        "validFrom": iso(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(
                        certificate.staff.email, certificate.subject_salt
                    ),
                    "salt": certificate.subject_salt,
                },
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                },
            ],
            "name": certificate.holder_name,
            "activityEndDate": f"{certificate.session_date.isoformat()}T00:00:00Z",
            "creditsEarned": hours,
            "achievement": {
                "id": f"{_site()}/credentials/achievements/{certificate.number}",
                "type": ["Achievement"],
                "achievementType": "Course",
                "name": certificate.module_title,
                "description": _module_summary(certificate),
                "criteria": {
                    "narrative": _(
                        "Attended the whole of a %(module)s session (level %(level)s, "
                        "%(hours)s learning hours), as marked on its register."
                    )
                    % {
                        "module": certificate.module_title,
                        "level": certificate.module_level,
                        "hours": certificate.learning_hours_label,
                    }
                },
                "level": certificate.module_level,
                "creditsAvailable": hours,
                "humanCode": f"L{certificate.module_level}",
                "alignment": _alignments(certificate),
            },
        },
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
    }
    if certificate.expires_on:
        end = datetime.datetime.combine(
            certificate.expires_on, datetime.time(23, 59, 59), tzinfo=datetime.UTC
        )
        credential["validUntil"] = iso(end)
    return credential


def status_list_payload(*, list_number: int, encoded: str, now=None) -> dict:
    """The unsigned `BitstringStatusListCredential` for one list."""
    url = status_list_url(list_number)
    return {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": iso(now or timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded,
        },
    }
