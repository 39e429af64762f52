"""/verify/ takes a pasted or uploaded credential and says valid, expired, revoked, tampered
or unknown issuer (or, for an erased holder, that it can no longer be verified)."""

import base64
import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from jwcrypto import jwk, jws

from competencies.privacy import staff_erase
from courses.credentials.keys import key_id
from courses.models import Certificate
from courses.services import certificate_revoke
from tests.factories import UserFactory, session_completed, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(trainer):
    holder = staff_with_login()
    session_completed(trainer=trainer, staff=[holder], marks=["attended"])
    return Certificate.objects.get(staff=holder)


def _token(client, certificate) -> str:
    client.force_login(certificate.staff.user)
    token = client.get(f"/certificates/{certificate.number}.jwt").content.decode()
    client.logout()
    return token


def _check(client, token: str):
    response = client.post("/verify/", {"credential": token})
    assert response.status_code == 200
    return response.context["outcome"].status, response.content.decode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _payload(token: str) -> dict:
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def _signed_elsewhere(payload: dict, kid: str) -> str:
    """The same claims signed with a key that is not ours."""
    other = jwk.JWK.generate(kty="OKP", crv="Ed25519")
    token = jws.JWS(json.dumps(payload))
    token.add_signature(
        other,
        alg="EdDSA",
        protected=json.dumps({"alg": "EdDSA", "typ": "vc+jwt", "kid": kid}),
    )
    return token.serialize(compact=True)


def test_our_credential_verifies_and_shows_what_it_states(client, certificate):
    status, page = _check(client, _token(client, certificate))
    assert status == "valid"
    assert certificate.holder_name in page and certificate.module_title in page
    assert certificate.competencies[0]["code"] in page


def test_an_uploaded_credential_file_is_checked_too(client, certificate):
    upload = SimpleUploadedFile(
        "c.jwt", _token(client, certificate).encode(), "application/vc+jwt"
    )
    response = client.post("/verify/", {"credential_file": upload})
    assert response.context["outcome"].status == "valid"


def test_a_changed_payload_is_reported_as_tampered(client, certificate):
    header, _, signature = _token(client, certificate).split(".")
    payload = _payload(_token(client, certificate))
    payload["credentialSubject"]["name"] = "Someone Else"
    forged = ".".join([header, _b64(json.dumps(payload).encode()), signature])
    status, page = _check(client, forged)
    assert status == "tampered"
    assert "Someone Else" not in page and certificate.holder_name not in page


def test_a_signature_from_another_key_is_reported_as_tampered(client, certificate):
    forged = _signed_elsewhere(_payload(_token(client, certificate)), key_id())
    status, page = _check(client, forged)
    assert status == "tampered"
    assert certificate.holder_name not in page


def test_a_credential_past_its_refresh_date_is_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=datetime.date.today() - datetime.timedelta(days=2)
    )
    certificate.refresh_from_db()
    status, _ = _check(client, _token(client, certificate))
    assert status == "expired"


def test_a_revoked_certificate_is_revoked_through_the_status_list(client, certificate):
    token = _token(client, certificate)
    assert _check(client, token)[0] == "valid"
    certificate_revoke(certificate=certificate, reason="Issued in error", by=None)
    assert _check(client, token)[0] == "revoked"


def test_an_erased_holders_credential_can_no_longer_be_verified(client, certificate):
    token = _token(client, certificate)
    staff_erase(
        staff_member=certificate.staff, erased_by=UserFactory(is_superuser=True)
    )
    status, page = _check(client, token)
    assert status == "unverifiable"
    assert "can no longer be verified" in page


def test_an_issuer_we_do_not_know_is_reported_as_such(client, certificate):
    payload = _payload(_token(client, certificate))
    payload["issuer"]["id"] = "did:web:elsewhere.example"
    status, page = _check(
        client, _signed_elsewhere(payload, "did:web:elsewhere.example#key-1")
    )
    assert status == "unknown_issuer"
    assert certificate.holder_name not in page


def test_something_that_is_not_a_credential_is_not_genuine(client):
    assert _check(client, "not a credential")[0] == "tampered"


def test_an_empty_form_shows_the_error_summary(client):
    response = client.post("/verify/", {"credential": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Paste a credential" in page


def test_the_form_page_offers_both_ways(client):
    page = client.get("/verify/").content.decode()
    assert 'name="code"' in page and 'name="credential"' in page


def _jws(header: dict, payload) -> str:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return ".".join([_b64(json.dumps(header).encode()), _b64(body), _b64(b"x" * 64)])


@pytest.mark.parametrize(
    "token",
    [
        "",
        "a.b.c",
        "...",
        "\x00\x01",
        "{}",
        '{"payload": "x", "signatures": []}',
        "é" * 5000,
        _jws({"alg": "EdDSA"}, {}),
        _jws({"alg": "EdDSA", "kid": 7}, {}),
        _jws({"alg": "EdDSA", "kid": ["x"]}, {}),
        _jws({"alg": "none", "kid": "did:web:localhost%3A1#key-1"}, {}),
        _jws({"alg": "EdDSA", "kid": "did:web:#k"}, {}),
        _jws({"alg": "EdDSA", "kid": "did:web:a/b@c#k"}, []),
        _jws({"alg": "HS256", "kid": "PLACEHOLDER"}, {"issuer": None}),
        _jws({"alg": "EdDSA", "kid": "PLACEHOLDER"}, b"not json"),
    ],
)
def test_hostile_credentials_never_fail_the_page(client, certificate, token):
    token = token.replace("PLACEHOLDER", key_id())
    response = client.post("/verify/", {"credential": token})
    assert response.status_code in {200, 400}
    if response.status_code == 200:
        assert response.context["outcome"].status in {"tampered", "unknown_issuer"}


def test_signed_claims_of_the_wrong_shapes_never_fail_the_page(client, certificate):
    """Signed with our own key, so they pass the signature check and reach the rest."""
    from courses.credentials.signing import sign

    for claims in [
        {"issuer": {"id": "did:web:x"}},
        {"issuer": []},
        {"issuer": {"id": key_id().split("#")[0]}, "validFrom": 5},
        {
            "issuer": key_id().split("#")[0],
            "validFrom": "2026-01-01T00:00:00Z",
            "validUntil": ["x"],
            "credentialStatus": [{"type": "BitstringStatusListEntry"}, 3, "x"],
            "credentialSubject": [1, 2],
        },
        {
            "issuer": key_id().split("#")[0],
            "validFrom": "2026-01-01T00:00:00Z",
            "credentialStatus": {
                "type": "BitstringStatusListEntry",
                "statusListIndex": "99999999999",
                "statusListCredential": "http://localhost:1/nothing/",
            },
            "credentialSubject": {"achievement": {"alignment": {"a": 1}}},
        },
    ]:
        response = client.post("/verify/", {"credential": sign(claims)})
        assert response.status_code == 200, claims


def test_forgeries_count_towards_the_verification_limit(client, certificate, settings):
    """A tampered or unknown credential counts like an unknown code: past the limit the page
    answers 429; a credential that verifies never counts."""
    settings.VERIFY_MISS_LIMIT = 3
    good = _token(client, certificate)
    for _ in range(3):
        assert _check(client, good)[0] == "valid"
    for _ in range(3):
        assert _check(client, "not.a.credential")[0] == "tampered"
    assert client.post("/verify/", {"credential": good}).status_code == 429
    assert client.get(certificate.get_verify_url()).status_code == 429
