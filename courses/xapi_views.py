"""/xapi/statements and /xapi/about: the xAPI 1.0.3 resources e-learning platforms send
completions to (docs/xapi.md).

Answers follow the specification: POST -> 200 and the ids, PUT -> 204, GET -> the statement
or a StatementResult; 400 for a bad request or statement, 401 (with a Basic challenge) without
valid credentials, 404, 409 for an id already used by another statement. Every answer carries
X-Experience-API-Version. Exempt from CSRF: platforms sign in with HTTP Basic on every
request, never with the browser's session cookie, so there is no ambient credential to forge.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from courses import policy, selectors
from courses.exceptions import XapiError
from courses.policy.xapi import VERSION
from courses.services.xapi import statements_store
from courses.xapi import auth
from courses.xapi.statements import iso, parse_body, parse_timestamp, parse_uuid, served

MAX_LIST = 100
SINGLE_PARAMETERS = {"statementId", "voidedStatementId", "attachments", "format"}


def _message(status: int, message: str) -> JsonResponse:
    return JsonResponse({"message": message}, status=status)


def _json(data, status=200) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False),
        status=status,
        content_type="application/json",
    )


class AboutView(View):
    """/xapi/about: the versions this LRS speaks; public, as the specification asks."""

    def get(self, request):
        response = _json({"version": [VERSION]})
        response["X-Experience-API-Version"] = VERSION
        return response


# E-learning content often runs in the learner's browser and sends statements from there.
# Any origin may: the credentials are the Authorization header the content sets itself, never
# a cookie, so a page cannot borrow anyone's.
CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, OPTIONS",
    "Access-Control-Allow-Headers": (
        "Authorization, Content-Type, X-Experience-API-Version"
    ),
    "Access-Control-Expose-Headers": (
        "X-Experience-API-Version, X-Experience-API-Consistent-Through, Last-Modified"
    ),
    "Access-Control-Max-Age": "86400",
}


@method_decorator(csrf_exempt, name="dispatch")
class StatementsView(View):
    http_method_names = ["get", "head", "post", "put"]

    def dispatch(self, request, *args, **kwargs):
        if request.method == "OPTIONS":  # a browser's preflight carries no credentials
            response = HttpResponse(status=204)
        else:
            try:
                response = self.answer(request)
            except XapiError as exc:
                response = _message(exc.status, str(exc))
            response["X-Experience-API-Consistent-Through"] = iso(timezone.now())
            response["Cache-Control"] = "private, no-store"
        response["X-Experience-API-Version"] = VERSION
        for header, value in CORS.items():
            response[header] = value
        return response

    def answer(self, request):
        if auth.locked_out(request):
            response = _message(
                429, _("Too many failed sign-ins from this address; try again later.")
            )
            response["Retry-After"] = str(settings.XAPI_AUTH_FAILURE_WINDOW_SECONDS)
            return response
        self.client = auth.client_for(request)
        if self.client is None:
            if "HTTP_AUTHORIZATION" in request.META:
                auth.count_failure(request)
            response = _message(
                401, _("Sign in with the xAPI client's key and secret (HTTP Basic).")
            )
            response["WWW-Authenticate"] = 'Basic realm="xAPI", charset="UTF-8"'
            return response
        if not policy.version_supported(
            request.headers.get("X-Experience-API-Version")
        ):
            return _message(
                400,
                _(
                    "Send the header X-Experience-API-Version: 1.0.3 (this LRS speaks "
                    "xAPI 1.0.x)."
                ),
            )
        method = request.method.lower()
        if method not in self.http_method_names:
            return self.http_method_not_allowed(request)
        return getattr(self, method)(request)

    def _body(self, request, *, single=False):
        if request.content_type.startswith("multipart/"):
            raise XapiError(
                "BAD_PARAMETER",
                reason=_(
                    "Attachments sent as multipart are not accepted: send statements as "
                    "application/json."
                ),
            )
        try:
            return parse_body(request.body, single=single)
        except RequestDataTooBig:
            raise XapiError(
                "BAD_PARAMETER",
                reason=_("The request is too large: send fewer statements."),
            ) from None

    def post(self, request):
        ids = statements_store(client=self.client, statements=self._body(request))
        return _json([str(i) for i in ids])

    def put(self, request):
        statement_id = parse_uuid(request.GET.get("statementId"))
        if statement_id is None:
            raise XapiError("STATEMENT_ID_REQUIRED")
        statements_store(
            client=self.client,
            statements=self._body(request, single=True),
            statement_id=statement_id,
        )
        return HttpResponse(status=204)

    def get(self, request):
        params = request.GET
        by_id, by_voided = params.get("statementId"), params.get("voidedStatementId")
        if by_id is None and by_voided is None:
            return self._list(params)
        if by_id is not None and by_voided is not None:
            raise XapiError(
                "BAD_PARAMETER",
                reason=_("Give statementId or voidedStatementId, not both."),
            )
        extra = sorted(set(params) - SINGLE_PARAMETERS)
        if extra:
            raise XapiError(
                "BAD_PARAMETER",
                reason=_(
                    "With a statement id, only attachments and format may be given, not %(p)s."
                )
                % {"p": ", ".join(extra)},
            )
        wanted = by_id if by_id is not None else by_voided
        statement_id = parse_uuid(wanted)
        if statement_id is None:
            raise XapiError(
                "BAD_PARAMETER", reason=_("%(id)r is not a UUID.") % {"id": wanted}
            )
        statement = selectors.xapi_statement_get(
            client=self.client, statement_id=statement_id, voided=by_voided is not None
        )
        if statement is None:
            raise XapiError("NOT_FOUND", id=statement_id)
        response = _json(served(statement, site_url=settings.SITE_URL))
        response["Last-Modified"] = http_date(statement.stored.timestamp())
        return response

    def _list(self, params):
        try:
            limit = int(params.get("limit") or 0)
        except ValueError:
            limit = -1
        if limit < 0:
            raise XapiError(
                "BAD_PARAMETER", reason=_("limit must be a whole number, 0 or more.")
            )
        bounds = {}
        for name in ("since", "until"):
            if params.get(name):
                bounds[name] = parse_timestamp(params[name])
                if bounds[name] is None:
                    raise XapiError(
                        "BAD_PARAMETER",
                        reason=_("%(name)s must be an ISO 8601 timestamp.")
                        % {"name": name},
                    )
        statements = selectors.xapi_statements_list(
            client=self.client,
            limit=min(limit or MAX_LIST, MAX_LIST),
            verb=params.get("verb"),
            activity=params.get("activity"),
            ascending=params.get("ascending") == "true",
            **bounds,
        )
        return _json(
            {
                "statements": [
                    served(s, site_url=settings.SITE_URL) for s in statements
                ],
                "more": "",
            }
        )
