"""The toolkit search page (modules, resource pages and framework competencies) and
robots.txt."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from cms import selectors

MAX_QUERY_LENGTH = 200


def search(request):
    """Anyone may search: the toolkit and the framework are public."""
    # PostgreSQL text cannot hold NUL: a query containing one was a 500 there.
    query = request.GET.get("q", "").replace("\x00", "")
    error = ""
    results = {"modules": [], "resources": [], "competencies": [], "query": ""}
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Search for %(n)s characters or fewer.") % {"n": MAX_QUERY_LENGTH}
    elif "q" in request.GET and not query.strip():
        error = _("Enter a word, a phrase or a competency code such as SA6.3.")
    elif query.strip():
        results = selectors.search_toolkit(query=query)
    framework_page = selectors.framework_page_for(results["competencies"])
    for competency in results["competencies"]:
        competency.anchor = selectors.framework_anchor(competency.code)
    total = (
        len(results["modules"])
        + len(results["resources"])
        + len(results["competencies"])
    )
    return render(
        request,
        "cms/search.html",
        {
            "query": query if not error else query[:MAX_QUERY_LENGTH],
            "error": error,
            "total": total,
            "framework_page": framework_page,
            **{k: v for k, v in results.items() if k != "query"},
        },
        status=400 if error and len(query) > MAX_QUERY_LENGTH else 200,
    )


# Signed-in areas, and certificate verification: a verification page names its holder, so
# it is for the person holding the certificate, not for search engines.
ROBOTS_DISALLOW = (
    "/admin/",
    "/accounts/",
    "/agency/",
    "/reports/",
    "/certificates/",
    "/verify/",
)


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    return HttpResponse(
        "\n".join([*lines, "Allow: /", ""]), content_type="text/plain; charset=utf-8"
    )
