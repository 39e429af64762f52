"""factory_boy factories for the whole project (DESIGN: tests/factories.py)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from competencies import models as cm

# factory_boy's own seeded Faker, so runs stay reproducible with its random state.
_FAKER_GB = factory.Faker._get_faker(locale="en_GB")


def _last_name_without_apostrophe():
    # "O'Brien" minus its apostrophe: pages escape it, so a test looking for the name in HTML
    # would otherwise fail by chance (about one run in a few hundred names).
    return _FAKER_GB.last_name().replace("'", "")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.LazyFunction(_last_name_without_apostrophe)
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(
                *[Group.objects.get_or_create(name=name)[0] for name in extracted]
            )


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Area
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"A{n:02d}")
    name = factory.Sequence(lambda n: f"Area {n}")


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Board

    name = factory.Sequence(lambda n: f"Safeguarding Adults Board {n}")
    short_name = factory.Sequence(lambda n: f"SAB{n}")
    area = factory.SubFactory(AreaFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Agency
        django_get_or_create = ["short_name"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Agency {n}")
    short_name = factory.Sequence(lambda n: f"AG{n}")
    sector = cm.Agency.Sector.POLICE
    email_domains = factory.LazyAttribute(lambda a: f"{a.short_name.lower()}.example")

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Framework

    name = factory.Sequence(lambda n: f"Framework {n}")
    version = "1"


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Level

    framework = factory.SubFactory(FrameworkFactory)
    number = 1
    name = factory.LazyAttribute(lambda lv: f"Level {lv.number}")
    refresh_months = 36


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Domain

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"D{n}")
    title = factory.Sequence(lambda n: f"Domain {n}")


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Competency

    domain = factory.SubFactory(DomainFactory)
    framework = factory.SelfAttribute("domain.framework")
    code = factory.Sequence(lambda n: f"C{n}.1")
    title = factory.Sequence(lambda n: f"Competency {n}")
    indicator_1 = "knows"
    indicator_2 = "does"
    indicator_3 = "leads"


class CompetencyEquivalenceFactory(factory.django.DjangoModelFactory):
    """A crosswalk entry between competencies of two frameworks."""

    class Meta:
        model = cm.CompetencyEquivalence

    competency = factory.SubFactory(CompetencyFactory)
    maps_to = factory.SubFactory(CompetencyFactory)
    kind = cm.CompetencyEquivalence.Kind.EQUIVALENT


class RoleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.RoleProfile

    code = factory.Sequence(lambda n: f"RP{n:02d}")
    name = factory.Sequence(lambda n: f"Role {n}")
    framework = factory.SubFactory(FrameworkFactory)


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.Requirement

    role_profile = factory.SubFactory(RoleProfileFactory)
    competency = factory.SubFactory(CompetencyFactory)
    min_level = 1


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.StaffMember

    agency = factory.SubFactory(AgencyFactory)
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.LazyFunction(_last_name_without_apostrophe)
    email = factory.Sequence(lambda n: f"person{n}@staff.example")
    employee_ref = factory.Sequence(lambda n: f"E{n:05d}")
    job_title = "Practitioner"


class CompetencyRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cm.CompetencyRecord

    staff = factory.SubFactory(StaffMemberFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 1
    achieved_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=30)
    )
    expires_on = factory.LazyAttribute(
        lambda r: r.achieved_on + datetime.timedelta(days=3 * 365)
    )
    source = cm.CompetencyRecord.Source.ASSESSMENT


# --- competencies admin/import ---


def framework_with_levels(*, levels=(1, 2, 3, 4, 5), **kwargs):
    """A framework with levels (refresh 36 months for 1-3, 12 for 4-5) and no competencies."""
    framework = FrameworkFactory(**kwargs)
    for number in levels:
        LevelFactory(
            framework=framework,
            number=number,
            name=[
                "Awareness",
                "Practitioner",
                "Professional",
                "Specialist",
                "Strategic",
            ][number - 1],
            refresh_months=36 if number <= 3 else 12,
            minimum_hours=[2, 3, 8, 8, 8][number - 1],
        )
    return framework


def coordinator_for(agency, *, username=None):
    """A user in the Training coordinators group whose own staff record is in `agency`."""
    from competencies.permissions import grant_default_permissions
    from competencies.roles import COORDINATORS

    grant_default_permissions()
    user = UserFactory(
        username=username or f"coordinator.{agency.short_name.lower()}",
        groups=[COORDINATORS],
    )
    StaffMemberFactory(
        agency=agency,
        user=user,
        email=f"{user.username}@{agency.domain_list[0] if agency.domain_list else 'x.example'}",
    )
    return user


# --- CMS (toolkit pages): pages need a parent, so these are functions, not factories -------


def toolkit_create(*, home, title="Training toolkit", slug="toolkit"):
    """A published toolkit index under `home`, with Trainers/Moderators moderation set up."""
    from cms.models import ToolkitIndexPage
    from cms.services import moderation_ensure

    toolkit = home.add_child(instance=ToolkitIndexPage(title=title, slug=slug))
    toolkit.save_revision().publish()
    moderation_ensure(toolkit=toolkit, site_root=home)
    return toolkit


def module_page_create(*, toolkit, competencies=(), publish=True, **fields):
    """A module page under `toolkit` delivering `competencies` ((competency, level) pairs)."""
    from decimal import Decimal

    from cms.models import ModuleCompetency, ModulePage

    n = ModulePage.objects.count() + 1
    defaults = {
        "title": f"Module {n}",
        "slug": f"module-{n}",
        "summary": "What this module teaches.",
        "learning_outcomes": "Recognise abuse\nRaise a concern",
        "level": 2,
        "duration_hours": Decimal("3.5"),
        "delivery_mode": ModulePage.DeliveryMode.VIRTUAL,
    }
    defaults.update(fields)
    module = ModulePage(**defaults)
    module.delivered_competencies = [
        ModuleCompetency(competency=c, level=level) for c, level in competencies
    ]
    module.live = publish
    toolkit.add_child(instance=module)
    revision = module.save_revision()
    if publish:
        revision.publish()
    return module


def framework_page_create(*, home, framework, slug="framework"):
    from cms.models import FrameworkPage

    page = home.add_child(
        instance=FrameworkPage(title="The framework", slug=slug, framework=framework)
    )
    page.save_revision().publish()
    return page


def framework_create(*, competencies: int, levels=(1, 2, 3)):
    """A framework with `competencies` competencies over 4 domains, each assessed at `levels`."""
    framework = FrameworkFactory()
    for number in levels:
        LevelFactory(framework=framework, number=number, name=f"Level name {number}")
    domains = [
        DomainFactory(framework=framework, code=f"X{i}", title=f"Domain {i}")
        for i in range(1, 5)
    ]
    created = []
    for i in range(competencies):
        domain = domains[i % 4]
        created.append(
            CompetencyFactory(
                framework=framework,
                domain=domain,
                code=f"{domain.code}.{i // 4 + 1}",
                title=f"Competency {i}",
                **{f"indicator_{n}": f"Indicator at level {n} for {i}" for n in levels},
            )
        )
    return framework, created


# --- courses: module pages, sessions and bookings -------------------------------------------


def toolkit_index():
    """The toolkit index page that module pages live under (created on first use)."""
    from cms.models import ToolkitIndexPage
    from cms.site import site_ensure

    index = ToolkitIndexPage.objects.first()
    if index is None:
        index = site_ensure().add_child(
            instance=ToolkitIndexPage(title="Training toolkit", slug="toolkit")
        )
    return index


_module_seq = iter(range(1, 1_000_000))


def module_page(
    *,
    title=None,
    level=2,
    delivers=None,
    audience=(),
    refresh_months=36,
    delivery_mode="face_to_face",
    outcomes="Recognise abuse\nRaise a concern",
    slug=None,
):
    """A live ModulePage delivering `delivers` [(competency, level), ...] (default: one new one)."""
    from cms.models import ModuleCompetency, ModulePage

    n = next(_module_seq)
    page = ModulePage(
        title=title or f"Module {n}",
        slug=slug or f"module-{n}",
        summary="What the module teaches.",
        learning_outcomes=outcomes,
        level=level,
        duration_hours=3.5,
        delivery_mode=delivery_mode,
        refresh_months=refresh_months,
    )
    toolkit_index().add_child(instance=page)
    if delivers is None:
        delivers = [(CompetencyFactory(), level)]
    for competency, at in delivers:
        ModuleCompetency.objects.create(module=page, competency=competency, level=at)
    if audience:
        page.audience.set(audience)  # a ParentalManyToManyField: stored on save
        page.save()
    return page


def _in_days(days):
    from django.utils import timezone

    return (timezone.now() + datetime.timedelta(days=days)).replace(
        second=0, microsecond=0
    )


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Session"
        skip_postgeneration_save = True

    module = factory.LazyFunction(module_page)
    start = factory.LazyFunction(lambda: _in_days(60))
    end = factory.LazyAttribute(lambda s: s.start + datetime.timedelta(hours=3))
    venue_name = "Council House, Coventry"
    venue_address = "Earl Street, Coventry CV1 5RR"
    capacity = 20
    max_per_agency = None

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if create and extracted:
            self.trainers.set(extracted)


def staff_with_login(*, agency=None, username=None, groups=(), **kwargs):
    """A StaffMember linked to a login (StaffMember.user)."""
    agency = agency or AgencyFactory()
    user = UserFactory(
        username=username or f"staff{next(_module_seq)}", groups=list(groups)
    )
    return StaffMemberFactory(agency=agency, user=user, email=user.email, **kwargs)


def session_completed(
    *, trainer, marks=("attended",), module=None, staff=None, start=None
):
    """A session run through the real services: booked, marked with `marks` (one per
    attendee), completed at its end. Returns (session, bookings)."""
    from django.utils import timezone

    from courses.services import attendance_mark, booking_create, session_complete

    start = start or (timezone.now() - datetime.timedelta(days=2)).replace(
        second=0, microsecond=0
    )
    session = SessionFactory(
        module=module or module_page(),
        start=start,
        end=start + datetime.timedelta(hours=3),
        trainers=[trainer],
    )
    people = list(staff or [staff_with_login() for _ in marks])
    booked_at = start - datetime.timedelta(days=30)
    bookings = [
        booking_create(session=session, staff=p, booked_by=p.user, now=booked_at)
        for p in people
    ]
    after = session.end + datetime.timedelta(minutes=5)
    for booking, mark in zip(bookings, marks, strict=True):
        attendance_mark(booking=booking, attendance=mark, by=trainer, now=after)
    session_complete(session=session, by=trainer, now=after)
    for booking in bookings:
        booking.refresh_from_db()
    session.refresh_from_db()
    return session, bookings


class BookingFactory(factory.django.DjangoModelFactory):
    """A confirmed booking; pass attendance= for a marked register, status= for others."""

    class Meta:
        model = "courses.Booking"

    session = factory.SubFactory(SessionFactory)
    staff = factory.SubFactory(StaffMemberFactory)
    status = "confirmed"
    confirmed_at = factory.LazyAttribute(
        lambda b: b.session.start - datetime.timedelta(days=20)
    )


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Evaluation"

    booking = factory.SubFactory(BookingFactory, attendance="attended")
    overall_rating = 5
    confidence_before = 5
    confidence_after = 8


def demand_partnership(*, today):
    """Two areas, two agencies, one role profile needing A and B at level 2.

    Module "Basics" (level 2) delivers A at 2; module "Advanced" (level 3) delivers A and B at
    3. A gap in A goes to Basics (the lowest level delivering it), a gap in B to Advanced.

    North, Police:  p1 no records (A, B missing) · p2 A expires in 90 days, B good ·
                    p3 A good, B expired · p4 nothing, booked on Basics · p7 A expires in
                    270 days (inside 12 months, outside 6), B good
    South, Council: p5 no records
    North + South, Police: p6 A and B good (needs nothing)

    12 months, North, Basics:   missing p1 p4, expiring p2 p7 -> 2 + 2, booked 1 (p4), to train 3
               North, Advanced: missing p1 p3 p4 -> 3, to train 3
               South, Basics:   missing p5 -> 1 ; South, Advanced: missing p5 -> 1
    (p6 counts in both areas but needs nothing.)  6 months: p7 drops out of North, Basics.
    """
    from django.utils import timezone

    from courses.models import Booking

    def _days(n):
        return today + datetime.timedelta(days=n)

    north, south = AreaFactory(name="North"), AreaFactory(name="South")
    police = AgencyFactory(name="Police", areas=[north, south])
    council = AgencyFactory(name="Council", areas=[south])
    a, b = CompetencyFactory(code="A.1"), CompetencyFactory(code="B.1")
    requirement = RequirementFactory(competency=a, min_level=2)
    RequirementFactory(competency=b, min_level=2, role_profile=requirement.role_profile)
    profile = requirement.role_profile
    basics = module_page(title="Basics", level=2, delivers=[(a, 2)])
    advanced = module_page(title="Advanced", level=3, delivers=[(a, 3), (b, 3)])

    def person(name, agency, areas, records=()):
        staff = StaffMemberFactory(first_name=name, agency=agency, role_profile=profile)
        staff.areas.set(areas)
        for competency, expires in records:
            CompetencyRecordFactory(
                staff=staff,
                competency=competency,
                level=2,
                achieved_on=_days(-400),
                expires_on=expires,
            )
        return staff

    good = _days(1000)
    person("p1", police, [north])
    person("p2", police, [north], [(a, _days(90)), (b, good)])
    person("p3", police, [north], [(a, good), (b, _days(-5))])
    p4 = person("p4", police, [north])
    person("p5", council, [south])
    person("p6", police, [north, south], [(a, good), (b, good)])
    person("p7", police, [north], [(a, _days(270)), (b, good)])

    start = (timezone.now() + datetime.timedelta(days=37)).replace(
        second=0, microsecond=0
    )
    session = SessionFactory(
        module=basics, start=start, end=start + datetime.timedelta(hours=3)
    )
    Booking.objects.create(session=session, staff=p4, status=Booking.Status.CONFIRMED)
    return {"north": north, "south": south, "basics": basics, "advanced": advanced}
