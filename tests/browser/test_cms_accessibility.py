"""WCAG 2.2 AA: axe-core finds no serious or critical violation on the CMS's public pages."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGES = [
    "/",
    "/framework/",
    "/framework/?level=2",
    "/toolkit/",
    "/toolkit/recognising-and-raising-a-concern/",
    "/toolkit/multi-agency-enquiries-and-roles/",
    "/toolkit/posters-and-leaflets/",
    "/search/?q=SA6.3",
    "/search/?q=coercive+control",
    "/search/?q=+",
]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe-core is injected as an inline script, which our Content Security Policy rightly
    # blocks; this module checks accessibility, tests/browser/test_security_csp.py the policy.
    return {**browser_context_args, "bypass_csp": True}


def serious_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    assert result["passes"], "axe-core did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:5])
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_axe_core_is_installed():
    assert AXE.is_file(), "run `npm ci` to install axe-core (package.json)"


def test_the_check_fails_on_a_page_with_serious_violations(page: Page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main>'
        '<img src="x.png"><label>Name</label><input type="text"></main></body></html>'
    )
    found = " ".join(serious_violations(page))
    assert "image-alt" in found and "label" in found


def test_cms_pages_have_no_serious_accessibility_violations(
    live_server, page: Page, demo_live
):
    problems = {}
    for url in PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        found = serious_violations(page)
        if found:
            problems[url] = found
    assert problems == {}
