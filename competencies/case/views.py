"""The CASE 1.1 provider API: public, read-only JSON (GET and HEAD; anything else 405)."""

import uuid

from django.http import JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from competencies.case import selectors, serialize
from competencies.case.vocabulary import status_info


def _not_found(description: str) -> JsonResponse:
    return JsonResponse(status_info(description), status=404)


# Exempt from CSRF so that a POST meets the 405 below, not a 403 page: nothing here writes.
@method_decorator(csrf_exempt, name="dispatch")
class CaseView(View):
    http_method_names = ["get", "head"]

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # Public data without credentials: any site's page may read it (CASE consumers often
        # run in the browser).
        response["Access-Control-Allow-Origin"] = "*"
        return response

    def http_method_not_allowed(self, request, *args, **kwargs):
        response = JsonResponse(
            status_info(
                _("The CASE provider API is read-only: use GET."),
                code_minor="invalid_request",
            ),
            status=405,
        )
        response["Allow"] = "GET, HEAD"
        return response

    def get(self, request, sourced_id: str = ""):
        if not sourced_id:
            return self.found(None)
        try:
            identifier = uuid.UUID(sourced_id)
        except ValueError:
            return _not_found(_("Invalid UUID: %(id)s") % {"id": sourced_id})
        return self.found(identifier) or _not_found(
            _("Unknown Object: %(id)s") % {"id": identifier}
        )

    def found(self, identifier):
        raise NotImplementedError


class DocumentsView(CaseView):
    def found(self, identifier):
        documents = selectors.case_documents()
        return JsonResponse(
            {
                "CFDocuments": [
                    serialize.document_json(f, levels=list(f.levels.all()))
                    for f in documents
                ]
            }
        )


class DocumentView(CaseView):
    def found(self, identifier):
        framework = selectors.case_document(sourced_id=identifier)
        if framework is None:
            return None
        return JsonResponse(
            {
                "CFDocument": serialize.document_json(
                    framework, levels=list(framework.levels.all())
                )
            }
        )


class PackageView(CaseView):
    def found(self, identifier):
        loaded = selectors.case_package(sourced_id=identifier)
        return JsonResponse(serialize.package_json(loaded)) if loaded else None


class ItemView(CaseView):
    def found(self, identifier):
        found = selectors.case_item(sourced_id=identifier)
        if found is None:
            return None
        obj, framework = found
        data = (
            serialize.domain_json(obj)
            if obj._meta.model_name == "domain"
            else serialize.competency_json(obj)
        )
        return JsonResponse({"CFItem": serialize.with_document(data, framework)})


class AssociationView(CaseView):
    def found(self, identifier):
        found = selectors.case_association(sourced_id=identifier)
        if found is None:
            return None
        data, framework = found
        return JsonResponse({"CFAssociation": serialize.with_document(data, framework)})
