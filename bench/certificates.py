"""Section 5: certificate rendering (one, and a 30-person batch) against a minimal WeasyPrint
document rendered in the same process (a ratio, so a busy machine does not skew it).

The certificates are built in memory from the scale database's people and modules, exactly as
issuing would fill them in, so nothing is written. Warm renders: the first of each is dropped.

  python -m bench.certificates
Prints one JSON line with the medians in seconds.
"""

import datetime
import json
import statistics
import time

from bench.common import django_setup

REPEATS = 15


def _median(fn, repeats=REPEATS) -> float:
    fn()  # warm: fonts, templates, the first layout
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _certificates(n: int) -> list:
    from django.utils import timezone

    from cms.models import ModulePage
    from competencies.models import StaffMember
    from courses.models import Certificate
    from courses.services.certificates import new_verification_code

    module = (
        ModulePage.objects.live()
        .order_by("-level")
        .prefetch_related("delivered_competencies__competency")
        .first()
    )
    competencies = [
        {
            "code": link.competency.code,
            "title": link.competency.title,
            "level": link.level,
        }
        for link in module.delivered_competencies.all()
    ]
    people = StaffMember.objects.select_related("agency").order_by("pk")[:n]
    now = timezone.now()
    return [
        Certificate(
            number=f"WMSAP-{now.year}-{i + 1:06d}",
            verification_code=new_verification_code(),
            issued_at=now,
            expires_on=now.date() + datetime.timedelta(days=3 * 365),
            holder_name=person.full_name,
            agency_name=person.agency.name,
            module_title=module.title,
            module_level=module.level,
            competencies=competencies,
            learning_hours=module.duration_hours,
            session_date=now.date(),
            trainer_names="Tamsin Trainer, Dev Patel",
        )
        for i, person in enumerate(people)
    ]


def measure() -> dict:
    from courses.certificates import certificate_pdf, certificates_pdf, minimal_pdf

    batch = _certificates(30)
    one = batch[0]
    return {
        "available": True,
        "competencies_on_face": len(one.competencies),
        "one_seconds": _median(lambda: certificate_pdf(one)),
        "one_archival_seconds": _median(lambda: certificate_pdf(one, archival=True)),
        "batch30_seconds": _median(lambda: certificates_pdf(batch, title="Batch"), 5),
        "minimal_seconds": _median(minimal_pdf),
    }


def main():
    django_setup()
    print(json.dumps(measure()))


if __name__ == "__main__":
    main()
