"""The demo site: the home page, the framework page, the training toolkit and news. Idempotent.

The twelve modules are those of docs/demo.md (Modules), each delivering its bundle from
demo/frameworks/adult_bundles.py. All text is our own; the people in case studies and quotes are
fictional.
"""

import datetime
from decimal import Decimal

from wagtail.models import Collection

from cms.models import (
    FrameworkPage,
    HomePage,
    ModuleCompetency,
    ModulePage,
    ModuleResource,
    NewsIndexPage,
    NewsPage,
    ResourceDocument,
    ResourcePage,
    ToolkitIndexPage,
)
from cms.services import moderation_ensure
from cms.site import site_ensure
from competencies.models import Competency, RoleProfile
from demo.frameworks.adult_bundles import BUNDLES, ROLE_PROFILES
from demo.toolkit.modules_levels_1_2 import MODULES_LEVELS_1_2
from demo.toolkit.modules_levels_3_5 import MODULES_LEVELS_3_5
from demo.toolkit.resources import MODULE_DOCUMENTS, RESOURCES, document_ensure

HOME_INTRODUCTION = (
    "Police, councils, NHS trusts, probation, fire and voluntary organisations across the seven "
    "West Midlands areas train together: one adult safeguarding competency framework, one "
    "training toolkit, and joint sessions where staff from different agencies learn side by side."
)

HOME_BODY = (
    "<p>Every partner agency measures its staff against the same framework, so a level 2 "
    "police officer and a level 2 care worker are expected to know the same things. Trainers "
    "from each agency write the toolkit together, and a moderator checks every module before it "
    "is published.</p>"
    "<p>Joint sessions mix agencies on purpose: most of what goes wrong in safeguarding goes "
    "wrong between organisations, so that is where we learn.</p>"
)


def seed_site() -> HomePage:
    home = site_ensure()
    if not home.introduction:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()
    return home


# The twelve modules, M01-M12 in order.
MODULES = MODULES_LEVELS_1_2 + MODULES_LEVELS_3_5
# The demo e-learning platform's activity ids: each e-learning module reports under its slug.
DEMO_ELEARNING = "https://elearning.wmsap.example/courses"

NEWS = [
    (
        "new-toolkit-published",
        "The joint training toolkit is published",
        datetime.date(2025, 9, 1),
        "Twelve modules, from awareness for everyone to strategic leadership, now share one "
        "framework across all partner agencies.",
        "<p>Trainers from the police, councils, NHS trusts, probation, fire and voluntary "
        "sector wrote the modules together. Each names the competencies it delivers and at "
        "which level.</p>",
    ),
    (
        "self-neglect-learning",
        "Learning from reviews: self-neglect",
        datetime.date(2025, 10, 6),
        "Reviews across the region keep finding self-neglect cases closed too early. The "
        "self-neglect module has been updated.",
        "<p>The updated module puts more time on persistence and on multi-agency risk "
        "meetings, with a new role play for Safe and Well visits.</p>",
    ),
    (
        "mental-capacity-sessions",
        "More Mental Capacity in Practice sessions",
        datetime.date(2025, 11, 3),
        "Extra virtual sessions of Making Safeguarding Personal and Mental Capacity in "
        "Practice are open for booking.",
        "<p>Demand has outstripped places since the spring; coordinators can book staff from "
        "today.</p>",
    ),
]


def _child(parent, model, slug: str):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_toolkit(*, framework) -> dict:
    """Publish the framework page, the toolkit (12 modules, 2 resource pages, their documents)
    and three news items, and set up moderation. Pages that already exist are left as they are
    (a trainer may have edited them), so a second run changes nothing."""
    home = seed_site()
    if not home.body:
        home.body = HOME_BODY
        home.save_revision().publish()

    framework_page = _child(home, FrameworkPage, "framework")
    if framework_page is None:
        framework_page = _publish(
            home,
            FrameworkPage(
                title="The competency framework",
                slug="framework",
                framework=framework,
                introduction=(
                    "What staff in every partner agency must know and do to keep adults safe, "
                    "level by level. Choose a level to see what it asks of a worker."
                ),
            ),
        )

    toolkit = _child(home, ToolkitIndexPage, "toolkit")
    if toolkit is None:
        toolkit = _publish(
            home,
            ToolkitIndexPage(
                title="Training toolkit",
                slug="toolkit",
                introduction=(
                    "Training modules and resources written by trainers from every partner "
                    "agency and checked by a moderator before publication."
                ),
            ),
        )
    moderation_ensure(toolkit=toolkit, site_root=home)

    collection = Collection.get_first_root_node()
    competencies = {c.code: c for c in Competency.objects.filter(framework=framework)}
    profiles = {p.code: p for p in RoleProfile.objects.all()}
    modules = {}
    for spec in MODULES:
        module = _child(toolkit, ModulePage, spec["slug"])
        if module is None:
            audience = [
                profiles[code]
                for code, _n, _l, _t, bundles, _s in ROLE_PROFILES
                if spec["bundle"] in bundles and code in profiles
            ]
            if spec["bundle"] == "B-L1":
                audience = list(profiles.values())
            module = ModulePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                learning_outcomes="\n".join(spec["outcomes"]),
                level=spec["level"],
                duration_hours=Decimal(spec["hours"]),
                delivery_mode=spec["mode"],
                refresh_months=spec["refresh"],
                requires_evaluation=spec["evaluation"],
                # Where the demo's e-learning platform would report completions (docs/xapi.md).
                elearning_activity_iri=(
                    f"{DEMO_ELEARNING}/{spec['slug']}"
                    if spec["mode"] == ModulePage.DeliveryMode.E_LEARNING
                    else None
                ),
                body=spec["body"],
            )
            module.audience = audience
            module.delivered_competencies = [
                ModuleCompetency(competency=competencies[code], level=level)
                for code, level in sorted(BUNDLES[spec["bundle"]].items())
            ]
            module.resources = [
                ModuleResource(
                    document=document_ensure(
                        title=title, filename=filename, collection=collection
                    ),
                    description=description,
                )
                for title, filename, description in MODULE_DOCUMENTS.get(
                    spec["slug"], []
                )
            ]
            _publish(toolkit, module)
        modules[spec["number"]] = module

    for spec in RESOURCES:
        if _child(toolkit, ResourcePage, spec["slug"]) is None:
            page = ResourcePage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                body=spec["body"],
            )
            page.documents = [
                ResourceDocument(
                    document=document_ensure(
                        title=title, filename=filename, collection=collection
                    ),
                    description=description,
                )
                for title, filename, description in spec["documents"]
            ]
            _publish(toolkit, page)

    news_index = _child(home, NewsIndexPage, "news")
    if news_index is None:
        news_index = _publish(
            home,
            NewsIndexPage(
                title="News",
                slug="news",
                introduction="News from the partnership's joint training programme.",
            ),
        )
    for slug, title, date, summary, body in NEWS:
        if _child(news_index, NewsPage, slug) is None:
            _publish(
                news_index,
                NewsPage(title=title, slug=slug, date=date, summary=summary, body=body),
            )

    return {
        "home": home,
        "framework_page": framework_page,
        "toolkit": toolkit,
        "modules": modules,
        "news_index": news_index,
    }
