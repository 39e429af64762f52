"""Every certificate is also an Open Badges 3.0 credential, signed as a vc+jwt (EdDSA) whose
key is in our did.json; revocation shows in the status list. Our tokens are checked with a
second JOSE library (joserfc), not the one that signs them (jwcrypto)."""

import hashlib
import io
import json
import urllib.request
import warnings

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from joserfc import jws
from joserfc.jwk import OKPKey
from wagtail.models import ModelLogEntry

from competencies.case_uris import item_uri
from competencies.models import Competency
from competencies.privacy import staff_erase
from courses.credentials import status
from courses.credentials.keys import did_document_url, did_for_url
from courses.models import Certificate
from courses.services import certificate_revoke
from tests.factories import (
    AgencyFactory,
    UserFactory,
    coordinator_for,
    session_completed,
    staff_with_login,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(trainer):
    holder = staff_with_login(agency=AgencyFactory(short_name="WMP"))
    session_completed(trainer=trainer, staff=[holder], marks=["attended"])
    return Certificate.objects.get(staff=holder)


def _verify_with_joserfc(token: str, did_doc: dict) -> tuple[dict, dict]:
    """Check a token the way an outside verifier would: its kid names a key in the DID
    document; joserfc checks the signature with it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # joserfc warns that "EdDSA" has newer names
        unverified = jws.extract_compact(token.encode())
        kid = unverified.headers()["kid"]
        method = next(m for m in did_doc["verificationMethod"] if m["id"] == kid)
        key = OKPKey.import_key(method["publicKeyJwk"])
        obj = jws.deserialize_compact(token, key, algorithms=["EdDSA"])
    return obj.headers(), json.loads(obj.payload)


def test_did_web_names_the_host_with_its_port_encoded():
    assert did_for_url("https://training.example.org") == "did:web:training.example.org"
    assert did_for_url("http://localhost:8123/") == "did:web:localhost%3A8123"
    assert (
        did_document_url("did:web:training.example.org")
        == "https://training.example.org/.well-known/did.json"
    )
    assert (
        did_document_url("did:web:localhost%3A8123")
        == "http://localhost:8123/.well-known/did.json"
    )
    assert did_document_url("did:key:z6Mk") is None


def test_the_credential_says_what_the_certificate_says(client, issued):
    client.force_login(issued.staff.user)
    response = client.get(reverse("courses:certificate_json", args=[issued.number]))
    assert response.status_code == 200
    vc = response.json()
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert vc["issuer"]["type"] == ["Profile"]
    assert vc["issuer"]["id"].startswith("did:web:")
    assert {"name", "url", "email"} <= set(vc["issuer"])
    subject = vc["credentialSubject"]
    assert subject["name"] == issued.holder_name
    email_id = subject["identifier"][0]
    assert email_id["hashed"] is True and email_id["identityType"] == "emailAddress"
    expected = hashlib.sha256(
        (issued.staff.email.lower() + issued.subject_salt).encode()
    ).hexdigest()
    assert email_id["identityHash"] == f"sha256${expected}"
    assert issued.staff.email not in json.dumps(vc)
    achievement = subject["achievement"]
    assert achievement["name"] == issued.module_title
    assert achievement["level"] == issued.module_level
    assert achievement["creditsAvailable"] == float(issued.learning_hours)
    assert achievement["criteria"]["narrative"]
    competency = Competency.objects.get(code=issued.competencies[0]["code"])
    [alignment] = achievement["alignment"]
    assert alignment["targetUrl"] == item_uri(competency)
    assert alignment["targetCode"] == competency.code
    assert vc["validFrom"].endswith("Z")
    assert vc["validUntil"].startswith(issued.expires_on.isoformat())
    entry = vc["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry"
    assert entry["statusListIndex"] == str(issued.status_index)
    assert entry["statusListCredential"].endswith(
        f"/credentials/status/{issued.status_list}/"
    )


def test_each_certificate_has_its_own_salt_and_status_slot(trainer):
    people = [staff_with_login() for _ in range(2)]
    session_completed(trainer=trainer, staff=people, marks=["attended", "attended"])
    first, second = Certificate.objects.order_by("pk")
    assert first.subject_salt and first.subject_salt != second.subject_salt
    assert (first.status_list, first.status_index) == status.slot_for(first.pk)
    assert (second.status_list, second.status_index) == status.slot_for(second.pk)


def test_the_jwt_is_for_the_same_people_as_the_pdf(client, issued, trainer):
    from courses.roles import permissions_grant

    permissions_grant()
    url = reverse("courses:certificate_jwt", args=[issued.number])
    allowed = [
        issued.staff.user,
        coordinator_for(issued.staff.agency),
        trainer,
        UserFactory(is_superuser=True, is_staff=True),
    ]
    refused = [
        staff_with_login(agency=issued.staff.agency).user,
        coordinator_for(AgencyFactory()),
        UserFactory(groups=["Trainers"]),
    ]
    for user in allowed:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Type"] == "application/vc+jwt"
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302


def test_my_training_links_the_credential_beside_the_pdf(client, issued):
    client.force_login(issued.staff.user)
    page = client.get("/my-training/").content.decode()
    assert reverse("courses:certificate_jwt", args=[issued.number]) in page
    assert reverse("courses:certificate_json", args=[issued.number]) in page


def test_without_a_signing_key_nothing_is_served_and_nothing_fails(
    client, issued, settings
):
    settings.CREDENTIAL_SIGNING_KEY = ""
    settings.CREDENTIAL_SIGNING_KEY_FILE = "/nonexistent/key.pem"
    client.force_login(issued.staff.user)
    assert client.get(f"/certificates/{issued.number}.jwt").status_code == 404
    assert client.get(f"/credentials/status/{issued.status_list}/").status_code == 404
    assert client.get("/.well-known/did.json").json()["verificationMethod"] == []
    page = client.get("/my-training/").content.decode()
    assert ".jwt" not in page


def test_an_erased_holders_credential_is_no_longer_served(client, issued):
    admin = UserFactory(is_superuser=True, is_staff=True)
    staff_erase(staff_member=issued.staff, erased_by=admin)
    client.force_login(admin)
    assert client.get(f"/certificates/{issued.number}.jwt").status_code == 404
    assert client.get(f"/certificates/{issued.number}.json").status_code == 404


def _status_bit(client, certificate, did_doc) -> bool:
    token = client.get(f"/credentials/status/{certificate.status_list}/").content
    header, payload = _verify_with_joserfc(token.decode(), did_doc)
    assert header["typ"] == "vc+jwt"
    assert payload["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    encoded = payload["credentialSubject"]["encodedList"]
    return status.bit_is_set(encoded, certificate.status_index)


def test_revoking_sets_the_bit_in_the_signed_status_list(client, issued):
    did_doc = client.get("/.well-known/did.json").json()
    assert _status_bit(client, issued, did_doc) is False
    certificate_revoke(certificate=issued, reason="Issued in error", by=None)
    assert _status_bit(client, issued, did_doc) is True


def test_erasing_the_holder_sets_the_bit_too(client, issued):
    did_doc = client.get("/.well-known/did.json").json()
    staff_erase(staff_member=issued.staff, erased_by=UserFactory(is_superuser=True))
    assert _status_bit(client, issued, did_doc) is True


def test_an_unknown_status_list_is_a_404(client, issued):
    assert client.get("/credentials/status/999/").status_code == 404


def test_the_encoded_list_round_trips():
    encoded = status.encode_bits([0, 7, 131_071])
    assert [status.bit_is_set(encoded, i) for i in (0, 1, 7, 8, 131_071)] == [
        True,
        False,
        True,
        False,
        True,
    ]
    with pytest.raises(ValueError):
        status.bit_is_set("zzz", 0)


def test_revoke_certificate_command_revokes_and_audits(issued):
    out = io.StringIO()
    call_command("revoke_certificate", issued.number, reason="Wrong person", stdout=out)
    issued.refresh_from_db()
    assert issued.revoked_at and issued.revoked_reason == "Wrong person"
    assert "index" in out.getvalue()
    entry = ModelLogEntry.objects.filter(action="courses.certificate.revoke").get()
    assert entry.data["status_index"] == issued.status_index
    with pytest.raises(CommandError):
        call_command("revoke_certificate", "WMSAP-1999-000000", reason="x")


@pytest.mark.django_db(transaction=True)
def test_an_independent_library_verifies_our_credential_with_the_key_from_did_json(
    client, live_server, settings, trainer
):
    """What an outside verifier does: read the kid, resolve did:web over HTTP, check the
    signature with another JOSE library."""
    settings.SITE_URL = live_server.url
    holder = staff_with_login()
    session_completed(trainer=trainer, staff=[holder], marks=["attended"])
    certificate = Certificate.objects.get(staff=holder)
    client.force_login(holder.user)
    token = client.get(f"/certificates/{certificate.number}.jwt").content.decode()

    kid = jws.extract_compact(token.encode()).headers()["kid"]
    did = kid.split("#", 1)[0]
    assert did == did_for_url(live_server.url)
    with urllib.request.urlopen(did_document_url(did), timeout=5) as response:  # noqa: S310
        did_doc = json.loads(response.read())
    assert did_doc["id"] == did and kid in did_doc["assertionMethod"]
    header, payload = _verify_with_joserfc(token, did_doc)
    assert header == {"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}
    assert payload["issuer"]["id"] == did
    assert payload["credentialSubject"]["achievement"]["name"] == (
        certificate.module_title
    )


def test_a_retired_key_stays_in_did_json_and_what_it_signed_still_verifies(
    client, issued, settings, tmp_path
):
    """Key rotation: the old key's public half is kept as key-1; the new key signs as key-2."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    client.force_login(issued.staff.user)
    old_token = client.get(f"/certificates/{issued.number}.jwt").content.decode()
    old_pem = open(settings.CREDENTIAL_SIGNING_KEY_FILE, "rb").read()
    old_public = serialization.load_pem_private_key(old_pem, None).public_key()
    retired = tmp_path / "retired"
    retired.mkdir()
    (retired / "key-1.pem").write_bytes(
        old_public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    settings.CREDENTIAL_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    settings.CREDENTIAL_KEY_ID = "key-2"
    settings.CREDENTIAL_RETIRED_KEYS_DIR = str(retired)
    did_doc = client.get("/.well-known/did.json").json()
    ids = [m["id"].rsplit("#", 1)[1] for m in did_doc["verificationMethod"]]
    assert ids == ["key-2", "key-1"]
    new_token = client.get(f"/certificates/{issued.number}.jwt").content.decode()
    assert _verify_with_joserfc(new_token, did_doc)[0]["kid"].endswith("#key-2")
    assert _verify_with_joserfc(old_token, did_doc)[0]["kid"].endswith("#key-1")
    client.logout()
    for token in (old_token, new_token):
        response = client.post("/verify/", {"credential": token})
        assert response.context["outcome"].status == "valid"


def test_an_alignment_resolves_to_its_case_item_once_the_framework_is_published(
    client, issued, home_page
):
    """The passport and the CASE provider API meet: a verifier following an alignment's
    targetUrl gets the competency it names, with its code and statement."""
    from tests.factories import framework_page_create

    client.force_login(issued.staff.user)
    vc = client.get(reverse("courses:certificate_json", args=[issued.number])).json()
    [alignment] = vc["credentialSubject"]["achievement"]["alignment"]
    path = "/" + alignment["targetUrl"].split("/", 3)[3]
    client.logout()
    assert client.get(path).status_code == 404  # its framework has no public page yet
    competency = Competency.objects.get(code=alignment["targetCode"])
    framework_page_create(home=home_page, framework=competency.framework)
    item = client.get(path).json()["CFItem"]
    assert item["humanCodingScheme"] == competency.code
    assert item["identifier"] == str(competency.sourced_id)
