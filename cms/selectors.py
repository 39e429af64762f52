"""Reads for the CMS pages and search. Each returns everything a page needs in a fixed number of
queries, whatever the size of the framework or the toolkit (tests pin the counts)."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.policy import published
from competencies.models import Competency, Domain, Framework, Level

# A competency or domain code as people type it: "SA6.3", "sa6.3", "SA6".
CODE_PATTERN = re.compile(r"^[A-Za-z]{1,4}\d{1,2}(\.\d{1,2})?$")
SEARCH_LIMIT = 50


def home_sections(*, home) -> dict:
    """The home page's links to the framework and toolkit, and the three latest news items."""
    from cms.models import FrameworkPage, NewsIndexPage, NewsPage, ToolkitIndexPage

    return {
        "news_index": published(NewsIndexPage.objects.child_of(home)).first(),
        "framework_page": published(FrameworkPage.objects.child_of(home)).first(),
        "toolkit": published(ToolkitIndexPage.objects.child_of(home)).first(),
        "news": list(
            published(NewsPage.objects.descendant_of(home)).order_by("-date", "-pk")[:3]
        ),
    }


@dataclass
class CompetencyView:
    """One competency as the framework page shows it."""

    competency: Competency
    indicators: list[tuple[Level | int, str]]
    modules: list = field(default_factory=list)  # [(module page, level)]

    @property
    def anchor(self) -> str:
        return framework_anchor(self.competency.code)


def framework_anchor(code: str) -> str:
    """A valid HTML id for a competency on the framework page ("SA6.3" -> "competency-sa6-3")."""
    return "competency-" + re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def framework_outline(*, framework_id: int, level: int | None = None) -> dict:
    """The framework by domain, each competency with what it looks like at each level it is
    assessed at and the live modules that deliver it. With `level`, only the competencies
    assessed at that level, with that level's indicator and the modules delivering it there.
    Four queries whatever the framework's size."""
    from cms.models import ModuleCompetency

    framework = Framework.objects.get(pk=framework_id)
    levels = list(Level.objects.filter(framework_id=framework_id).order_by("number"))
    by_number = {lv.number: lv for lv in levels}
    domains = list(
        Domain.objects.filter(framework_id=framework_id)
        .order_by("sort_order", "code")
        .prefetch_related(
            Prefetch(
                "competencies",
                queryset=Competency.objects.order_by("sort_order", "code"),
            )
        )
    )
    links = (
        ModuleCompetency.objects.filter(
            competency__framework_id=framework_id, module__live=True
        )
        .select_related("module")
        .order_by("module__level", "module__title")
    )
    if level is not None:
        links = links.filter(level=level)
    modules_by_competency = defaultdict(list)
    for link in links:
        modules_by_competency[link.competency_id].append((link.module, link.level))

    sections = []
    for domain in domains:
        items = []
        for competency in domain.competencies.all():
            numbers = [level] if level is not None else competency.levels_assessed
            indicators = [
                (by_number.get(n, n), competency.indicator(n))
                for n in numbers
                if competency.indicator(n)
            ]
            if not indicators:
                continue
            items.append(
                CompetencyView(
                    competency=competency,
                    indicators=indicators,
                    modules=modules_by_competency.get(competency.pk, []),
                )
            )
        if items:
            sections.append({"domain": domain, "competencies": items})
    return {
        "framework": framework,
        "levels": levels,
        "level": by_number.get(level) if level is not None else None,
        "level_number": level,
        "sections": sections,
        "competency_count": sum(len(s["competencies"]) for s in sections),
    }


def toolkit_modules(*, toolkit, level: int | None = None):
    """The live modules of a toolkit, by level then title, optionally at one level."""
    from cms.models import ModulePage

    modules = published(ModulePage.objects.child_of(toolkit))
    if level is not None:
        modules = modules.filter(level=level)
    return list(modules.order_by("level", "title"))


def toolkit_resources(*, toolkit):
    from cms.models import ResourcePage

    return list(published(ResourcePage.objects.child_of(toolkit)).order_by("title"))


def module_detail(*, module) -> dict:
    """What a module page shows besides its own fields: the competencies it delivers (with the
    framework's words for that level), its audience, its resources and where the framework is
    published. Works on a draft being previewed too (its children are then in memory)."""
    from cms.models import FrameworkPage

    delivered = list(
        module.delivered_competencies.select_related("competency").order_by(
            "sort_order"
        )
    )
    delivered.sort(key=lambda link: link.competency.code)
    framework_ids = {link.competency.framework_id for link in delivered}
    framework_page = None
    level = None
    if framework_ids:
        framework_page = (
            published(FrameworkPage.objects)
            .filter(framework_id__in=framework_ids)
            .first()
        )
        level = (
            Level.objects.filter(framework_id__in=framework_ids, number=module.level)
            .order_by("pk")
            .first()
        )
    return {
        "delivered": [
            {
                "link": link,
                "competency": link.competency,
                "level": link.level,
                "indicator": link.competency.indicator(link.level),
                "anchor": framework_anchor(link.competency.code),
            }
            for link in delivered
        ],
        "audience": list(module.audience.all()),
        "resources": list(module.resources.select_related("document")),
        "framework_page": framework_page,
        "module_level": level,
    }


def search_toolkit(*, query: str) -> dict:
    """Search the toolkit: modules, resource pages and framework competencies.

    A competency code ("SA6.3", or a domain "SA6") is matched exactly against the competencies
    each module delivers, because full-text tokenisers split codes at the dot. Any other text is
    a full-text search (all words must appear) over titles, summaries, learning outcomes and
    bodies. Code matches come first."""
    from cms.models import ModulePage, ResourcePage

    query = " ".join(query.split())
    results = {"modules": [], "resources": [], "competencies": [], "query": query}
    if not query:
        return results

    modules: list = []
    competencies: list = []
    if CODE_PATTERN.match(query):
        code = query.upper()
        code_filter = (
            {"code__iexact": code} if "." in code else {"code__istartswith": code + "."}
        )
        competencies = list(
            Competency.objects.filter(**code_filter)
            .select_related("domain")
            .order_by("code")
        )
        modules = list(
            published(ModulePage.objects)
            .filter(delivered_competencies__competency__in=[c.pk for c in competencies])
            .distinct()
            .order_by("level", "title")
        )

    seen = {m.pk for m in modules}
    for module in published(ModulePage.objects).search(query, operator="and")[
        :SEARCH_LIMIT
    ]:
        if module.pk not in seen:
            modules.append(module)
            seen.add(module.pk)

    seen_competencies = {c.pk for c in competencies}
    found = list(
        get_search_backend().search(query, Competency, operator="and")[:SEARCH_LIMIT]
    )
    extra_ids = [c.pk for c in found if c.pk not in seen_competencies]
    if extra_ids:
        by_pk = Competency.objects.select_related("domain").in_bulk(extra_ids)
        competencies += [by_pk[pk] for pk in extra_ids if pk in by_pk]

    results["modules"] = modules[:SEARCH_LIMIT]
    results["resources"] = list(
        published(ResourcePage.objects).search(query, operator="and")[:SEARCH_LIMIT]
    )
    results["competencies"] = competencies[:SEARCH_LIMIT]
    return results


def framework_page_for(competencies) -> Page | None:
    """The live framework page presenting these competencies' framework, if any."""
    from cms.models import FrameworkPage

    ids = {c.framework_id for c in competencies}
    if not ids:
        return None
    return published(FrameworkPage.objects).filter(framework_id__in=ids).first()
