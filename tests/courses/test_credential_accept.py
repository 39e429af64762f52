"""Credentials from elsewhere: a coordinator uploads one a new starter brings; from a trusted
issuer, verified and mapped through the crosswalk, it becomes competency records with source
"credential from <issuer>", audited. Untrusted, revoked or tampered ones write nothing.

Partner B is a second partnership with its own key, whose did.json and status list the live
server serves over HTTP (tests/courses/partner_urls.py)."""

import base64
import datetime
import json
import secrets
from urllib.parse import urlsplit

import pytest
from jwcrypto import jwk, jws
from wagtail.models import ModelLogEntry

from competencies.models import CompetencyEquivalence, CompetencyRecord
from courses.credentials import status
from courses.credentials.payload import identity_hash, iso
from courses.exceptions import CredentialError
from courses.models import AcceptedCredential, TrustedIssuer
from courses.services.credentials import credential_accept
from tests.courses import partner_urls
from tests.factories import (
    AgencyFactory,
    CompetencyFactory,
    FrameworkFactory,
    RequirementFactory,
    coordinator_for,
    staff_with_login,
)

pytestmark = pytest.mark.django_db(transaction=True)


class PartnerB:
    """Another partnership: its own Ed25519 key, did:web and status list."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.did = f"did:web:{parts.hostname}%3A{parts.port}:partner-b"
        self.kid = f"{self.did}#key-1"
        self.key = jwk.JWK.generate(kty="OKP", crv="Ed25519")
        self.status_url = f"{base_url}/partner-b/status/1/"
        self.revoked: set[int] = set()
        public = self.key.export_public(as_dict=True)
        partner_urls.PARTNER["did.json"] = {
            "@context": ["https://www.w3.org/ns/did/v1"],
            "id": self.did,
            "verificationMethod": [
                {
                    "id": self.kid,
                    "type": "JsonWebKey",
                    "controller": self.did,
                    "publicKeyJwk": {k: public[k] for k in ("kty", "crv", "x")},
                }
            ],
            "assertionMethod": [self.kid],
        }
        self.publish_status()

    def sign(self, payload: dict) -> str:
        token = jws.JWS(json.dumps(payload))
        token.add_signature(
            self.key,
            alg="EdDSA",
            protected=json.dumps({"alg": "EdDSA", "typ": "vc+jwt", "kid": self.kid}),
        )
        return token.serialize(compact=True)

    def publish_status(self):
        partner_urls.PARTNER["status"] = self.sign(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": self.status_url,
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": self.did,
                "validFrom": iso(datetime.datetime.now(datetime.UTC)),
                "credentialSubject": {
                    "id": self.status_url + "#list",
                    "type": "BitstringStatusList",
                    "statusPurpose": "revocation",
                    "encodedList": status.encode_bits(self.revoked),
                },
            }
        )

    def credential(self, *, email: str, item_url: str, index: int = 5) -> str:
        salt = secrets.token_hex(16)
        now = datetime.datetime.now(datetime.UTC)
        return self.sign(
            {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": f"urn:uuid:partner-b-{index}",
                "type": ["VerifiableCredential", "OpenBadgeCredential"],
                "issuer": {"id": self.did, "type": ["Profile"], "name": "Partner B"},
                "validFrom": iso(now - datetime.timedelta(days=30)),
                "validUntil": iso(now + datetime.timedelta(days=700)),
                "credentialSubject": {
                    "type": ["AchievementSubject"],
                    "identifier": [
                        {
                            "type": "IdentityObject",
                            "identityType": "emailAddress",
                            "hashed": True,
                            "identityHash": identity_hash(email, salt),
                            "salt": salt,
                        }
                    ],
                    "name": "New Starter",
                    "achievement": {
                        "type": ["Achievement"],
                        "name": "Partner B safeguarding essentials",
                        "level": 2,
                        "alignment": [
                            {
                                "type": ["Alignment"],
                                "targetType": "ext:CASE",
                                "targetCode": "PB1.1",
                                "targetUrl": item_url,
                            }
                        ],
                    },
                },
                "credentialStatus": {
                    "type": "BitstringStatusListEntry",
                    "statusPurpose": "revocation",
                    "statusListIndex": str(index),
                    "statusListCredential": self.status_url,
                },
            }
        )


@pytest.fixture
def world(live_server, settings):
    settings.ROOT_URLCONF = "tests.courses.partner_urls"
    partner = PartnerB(live_server.url)
    # Partner B's framework item, imported here (same CASE identifier) and crosswalked to ours.
    theirs = CompetencyFactory(
        framework=FrameworkFactory(name="Partner B"), code="PB1.1"
    )
    ours = CompetencyFactory(code="SA1.1")
    RequirementFactory(competency=ours)
    CompetencyEquivalence.objects.create(
        competency=theirs, maps_to=ours, kind=CompetencyEquivalence.Kind.EQUIVALENT
    )
    agency = AgencyFactory()
    starter = staff_with_login(agency=agency)
    item_url = f"https://partner-b.example/ims/case/v1p1/CFItems/{theirs.sourced_id}"
    yield {
        "partner": partner,
        "ours": ours,
        "starter": starter,
        "coordinator": coordinator_for(agency),
        "item_url": item_url,
    }
    partner_urls.PARTNER.clear()


def _trust(world):
    TrustedIssuer.objects.create(did=world["partner"].did, name="Partner B")


def test_a_trusted_issuers_credential_becomes_records_through_the_crosswalk(world):
    _trust(world)
    token = world["partner"].credential(
        email=world["starter"].email, item_url=world["item_url"]
    )
    accepted = credential_accept(
        staff=world["starter"], token=token, by=world["coordinator"]
    )
    [record] = accepted.records.all()
    assert record.competency == world["ours"] and record.level == 2
    assert record.source == CompetencyRecord.Source.CREDENTIAL
    assert record.source_detail == "credential from Partner B"
    assert ModelLogEntry.objects.filter(action="courses.credential.accept").exists()
    with pytest.raises(CredentialError) as again:
        credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    assert again.value.code == "ALREADY_ACCEPTED"


def test_an_untrusted_issuer_writes_nothing(world):
    token = world["partner"].credential(
        email=world["starter"].email, item_url=world["item_url"]
    )
    with pytest.raises(CredentialError) as refused:
        credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    assert refused.value.code == "UNKNOWN_ISSUER"
    assert not CompetencyRecord.objects.filter(staff=world["starter"]).exists()


def test_a_credential_revoked_in_its_issuers_status_list_writes_nothing(world):
    _trust(world)
    partner = world["partner"]
    token = partner.credential(
        email=world["starter"].email, item_url=world["item_url"], index=9
    )
    partner.revoked.add(9)
    partner.publish_status()
    with pytest.raises(CredentialError) as refused:
        credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    assert refused.value.code == "REVOKED"
    assert not AcceptedCredential.objects.exists()


def test_a_tampered_credential_writes_nothing(world):
    _trust(world)
    token = world["partner"].credential(
        email=world["starter"].email, item_url=world["item_url"]
    )
    header, body, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["credentialSubject"]["achievement"]["level"] = 4
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    with pytest.raises(CredentialError) as refused:
        credential_accept(
            staff=world["starter"],
            token=f"{header}.{body}.{signature}",
            by=world["coordinator"],
        )
    assert refused.value.code == "TAMPERED"
    assert not CompetencyRecord.objects.filter(staff=world["starter"]).exists()


def test_someone_elses_credential_is_refused(world):
    _trust(world)
    token = world["partner"].credential(
        email="somebody.else@example.org", item_url=world["item_url"]
    )
    with pytest.raises(CredentialError) as refused:
        credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    assert refused.value.code == "NOT_THIS_PERSON"


def test_a_competency_without_a_crosswalk_entry_is_not_mapped(world):
    _trust(world)
    unknown = "https://partner-b.example/ims/case/v1p1/CFItems/" + (
        "0b6c1f1e-0000-4000-8000-000000000000"
    )
    token = world["partner"].credential(email=world["starter"].email, item_url=unknown)
    with pytest.raises(CredentialError) as refused:
        credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    assert refused.value.code == "NO_MAPPING"
    assert "PB1.1" in str(refused.value)


def test_the_coordinator_uploads_it_and_sees_why_not(client, world):
    token = world["partner"].credential(
        email=world["starter"].email, item_url=world["item_url"]
    )
    client.force_login(world["coordinator"])
    url = f"/agency/staff/{world['starter'].pk}/credential/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"credential": token})
    assert refused.status_code == 400
    assert "trusted-issuers list" in refused.content.decode()
    _trust(world)
    accepted = client.post(url, {"credential": token})
    assert accepted.status_code == 302
    assert CompetencyRecord.objects.filter(
        staff=world["starter"], competency=world["ours"]
    ).exists()


def test_another_agencys_coordinator_cannot_open_the_page(client, world):
    client.force_login(coordinator_for(AgencyFactory()))
    url = f"/agency/staff/{world['starter'].pk}/credential/"
    assert client.get(url).status_code == 404


def test_an_accepted_credential_is_in_the_persons_data_export(world):
    from courses.privacy import accepted_credentials_rows

    _trust(world)
    token = world["partner"].credential(
        email=world["starter"].email, item_url=world["item_url"]
    )
    credential_accept(staff=world["starter"], token=token, by=world["coordinator"])
    [row] = accepted_credentials_rows(world["starter"])
    assert row["issuer"] == "Partner B" and row["issuer_did"] == world["partner"].did
