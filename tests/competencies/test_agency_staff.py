"""/agency/staff/: search, sort, filters, the export of exactly what is filtered (formula-safe),
the agency's compliance figure, pagination that jumps, and constant queries at any size."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from competencies.compliance_cache import compliance_refresh
from competencies.models import CompetencyRecord, StaffMember
from tests import factories as f
from tests.exports import about, csv_rows, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    fw = f.FrameworkFactory()
    f.LevelFactory(framework=fw, number=1)
    domain = f.DomainFactory(framework=fw)
    comps = [f.CompetencyFactory(domain=domain, code=f"SA7.{i}") for i in (1, 2)]
    nurse = f.RoleProfileFactory(framework=fw, code="RP01", name="Nurse")
    clerk = f.RoleProfileFactory(framework=fw, code="RP09", name="Clerk")
    for c in comps:
        f.RequirementFactory(role_profile=nurse, competency=c, min_level=1)
    f.RequirementFactory(role_profile=clerk, competency=comps[0], min_level=1)
    trust = f.AgencyFactory(short_name="NHS", name="Black Country Trust")
    other = f.AgencyFactory(short_name="POL", name="Police")
    coordinator = f.coordinator_for(trust)
    today = timezone.localdate()

    def person(first, last, profile, ref, held=(), **kw):
        p = f.StaffMemberFactory(
            agency=trust,
            first_name=first,
            last_name=last,
            role_profile=profile,
            employee_ref=ref,
            **kw,
        )
        for c in held:
            f.CompetencyRecordFactory(
                staff=p,
                competency=c,
                level=1,
                achieved_on=today - datetime.timedelta(days=10),
                expires_on=today + datetime.timedelta(days=500),
            )
        return p

    jade1 = person(
        "Jade", "Singh", nurse, "N100", held=comps, email="jade.singh@nhs.example"
    )
    jade2 = person("Jade", "Singh", clerk, "N200", email="j.singh2@nhs.example")
    amos = person("Amos", "Abbott", nurse, "N300", held=comps[:1])
    evil = person('=HYPERLINK("http://x")', "Zed", clerk, "+N400", held=comps[:1])
    outsider = f.StaffMemberFactory(
        agency=other, first_name="Jade", last_name="Outside"
    )
    return locals()


def names(response):
    return [p.full_name for p in response.context["people"]]


def test_search_by_name_email_or_reference(client, world):
    client.force_login(world["coordinator"])
    response = client.get("/agency/staff/", {"q": "jade singh"})
    assert sorted(p.employee_ref for p in response.context["people"]) == [
        "N100",
        "N200",
    ]
    assert names(client.get("/agency/staff/", {"q": "N300"})) == ["Amos Abbott"]
    response = client.get("/agency/staff/", {"q": "j.singh2@"})
    assert [p.employee_ref for p in response.context["people"]] == ["N200"]
    # Another agency's Jade is never found.
    assert "Outside" not in client.get("/agency/staff/", {"q": "jade"}).content.decode()


def test_sort_by_name_status_and_role_profile(client, world):
    client.force_login(world["coordinator"])
    by_name = names(client.get("/agency/staff/", {"sort": "name"}))
    assert by_name[0] == "Amos Abbott" and by_name[-1].endswith("Zed")
    assert names(client.get("/agency/staff/", {"sort": "-name"})) == by_name[::-1]
    # Worst first: Amos and Jade (N200) miss something; Jade (N100) and the clerk Zed do not.
    by_status = client.get("/agency/staff/", {"sort": "status"}).context["people"]
    overall = [p.overall for p in by_status if p.role_profile]
    assert overall == sorted(
        overall, key=["missing", "expired", "expiring", "met"].index
    )
    assert overall[0] == "missing" and overall[-1] == "met"
    by_profile = client.get("/agency/staff/", {"sort": "role_profile"}).context[
        "people"
    ]
    codes = [p.role_profile.code for p in by_profile if p.role_profile]
    assert codes == sorted(codes)


def test_filter_by_status_and_role_profile(client, world):
    client.force_login(world["coordinator"])
    met = names(client.get("/agency/staff/", {"status": "met"}))
    assert "Amos Abbott" not in met and "Jade Singh" in met
    clerks = client.get("/agency/staff/", {"role_profile": world["clerk"].pk})
    assert {p.employee_ref for p in clerks.context["people"]} == {"N200", "+N400"}


def test_nonsense_filters_are_ignored_not_a_500(client, world):
    client.force_login(world["coordinator"])
    for query in (
        {"sort": "password"},
        {"status": "x"},
        {"page": "999"},
        {"q": "x" * 500},
    ):
        assert client.get("/agency/staff/", query).status_code == 200


def test_compliance_summary_counts_people_in_scope(client, world):
    client.force_login(world["coordinator"])
    response = client.get("/agency/staff/")
    summary = response.context["compliance"]
    # Active staff with a role profile: the four above (the coordinator has none).
    # Fully compliant: Jade N100 (both) and Zed (the clerk's one).
    assert (summary.people_compliant, summary.people) == (2, 4)
    assert "2 of 4 active staff" in response.content.decode()


def test_export_is_exactly_what_is_filtered_and_formula_safe(client, world):
    client.force_login(world["coordinator"])
    response = client.get(
        "/agency/staff/", {"role_profile": world["clerk"].pk, "download": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows[0][:2] == ["First name", "Last name"]  # the header is line 1
    data = rows[1:]
    assert sorted(r[3] for r in data) == ["'+N400", "N200"]
    assert ['\'=HYPERLINK("http://x")', "Zed"] == next(
        r for r in data if r[1] == "Zed"
    )[:2]

    response = client.get("/agency/staff/", {"q": "Zed", "download": "xlsx"})
    book = workbook(response)
    sheet = book.worksheets[0]
    assert sheet.freeze_panes == "A2" and sheet["A1"].value == "First name"
    # What was filtered is on the About sheet, not above the table.
    assert any(line[0] == "Filters" and "Zed" in line[1] for line in about(response))
    cells = [c for row in sheet.iter_rows() for c in row if c.value]
    evil = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert evil.data_type == "s" and evil.quotePrefix
    assert not any(c.value == "Jade" for c in cells)
    # Who took the names away is on the agency's history (counts, never names).
    entries = ModelLogEntry.objects.filter(action="competencies.staff.export")
    assert [e.data["rows"] for e in entries.order_by("pk")] == [2, 1]


def test_pagination_jumps_with_numbers_and_ellipses(client, world):
    StaffMember.objects.bulk_create(
        StaffMember(
            agency=world["trust"],
            first_name="P",
            last_name=f"Person{i:04d}",
            email=f"p{i}@nhs.example",
            employee_ref=f"B{i:04d}",
        )
        for i in range(520)
    )
    client.force_login(world["coordinator"])
    html = client.get("/agency/staff/", {"page": 6, "q": "Person"}).content.decode()
    assert 'aria-current="page">6<' in html
    assert "q=Person&amp;page=11" in html  # the last page, one click away
    assert 'q=Person&amp;page=1"' in html
    assert "govuk-pagination__item--ellipses" in html


def test_other_roles_and_anonymous_are_refused(client, world):
    assert client.get("/agency/staff/").status_code == 302
    staff = f.staff_with_login(agency=world["trust"], groups=["Staff"])
    client.force_login(staff.user)
    assert client.get("/agency/staff/").status_code == 403
    assert client.get("/agency/staff/", {"download": "csv"}).status_code == 403


def populate(world, n):
    today = timezone.localdate()
    people = StaffMember.objects.bulk_create(
        StaffMember(
            agency=world["trust"],
            first_name="Bulk",
            last_name=f"Person{i:05d}",
            email=f"bulk{i}@nhs.example",
            employee_ref=f"B{i:05d}",
            role_profile=world["nurse"],
        )
        for i in range(n)
    )
    CompetencyRecord.objects.bulk_create(
        CompetencyRecord(
            staff=p,
            competency=world["comps"][i % 2],
            level=1,
            achieved_on=today,
            expires_on=today + datetime.timedelta(days=400),
            source="import",
        )
        for i, p in enumerate(people)
    )
    compliance_refresh(staff_ids=None)


@pytest.mark.parametrize("size", [10, 300])
@pytest.mark.parametrize("sort", ["name", "status"])
def test_query_count_is_constant(
    client, world, size, sort, django_assert_max_num_queries
):
    populate(world, size)
    client.force_login(world["coordinator"])
    # 19, and up to 2 for the navigation's counts of things waiting for a coordinator.
    with django_assert_max_num_queries(21):
        response = client.get("/agency/staff/", {"sort": sort, "q": "Bulk"})
    assert response.status_code == 200
    assert len(response.context["people"]) == min(size, 50)
