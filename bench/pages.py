"""Section 2: the pages users open most, timed in-process with Django's test client.

  python -m bench.pages [--repeat 9]
Per page: median seconds over `repeat` requests after one warm-up, and the SQL query count
(the same on every request, or it is flagged). Prints one JSON line.
"""

import argparse
import json
import statistics
import time

from bench.common import django_setup

BOARD_PAPER = "board paper PDF (board chair)"
DEMAND = "dashboard's training demand (board chair)"

# (name, user, path) - path None means "resolve below".
PAGES = [
    ("/sessions/", "staff.wmp", "/sessions/"),
    ("module page", "staff.wmp", None),
    ("/my-training/", "staff.wmp", "/my-training/"),
    ("/reports/ (board chair)", "chair.sandwell", "/reports/"),
    ("/reports/ (administrator)", "admin", "/reports/"),
    ("CSV export", "chair.sandwell", "/reports/compliance-by-agency.csv"),
    ("XLSX export", "chair.sandwell", "/reports/compliance-by-agency.xlsx"),
    # Times the rendering: today the URL renders the PDF in the request. Should it become a
    # background task (a stored BoardPaper), time `render_board_paper(scope, filters)` of
    # courses/reports/board_paper.py here instead, not the request that queues it.
    (BOARD_PAPER, "chair.sandwell", "/reports/board-paper.pdf"),
    # The dashboard's training demand, which loads after the page (Report.deferred).
    (DEMAND, "chair.sandwell", "/reports/training-demand/section/?fragment=1"),
]
EXPORTS = {"CSV export", "XLSX export"}
# Seconds a request rather than milliseconds: fewer repeats keep the section's time in bounds.
SLOW = {BOARD_PAPER: 3}
# Median targets, seconds (issue 19: the dashboard under 150 ms, the board paper under 3 s;
# issue 23: planning under 300 ms).
TARGETS = {BOARD_PAPER: 3.0, DEMAND: 0.300}


def pages() -> list[tuple[str, str, str]]:
    from cms.models import ModulePage
    from demo.sessions import CLASSROOM_SLUGS

    module = ModulePage.objects.live().get(slug=CLASSROOM_SLUGS[0])
    return [(name, user, path or module.url) for name, user, path in PAGES]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    django_setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from competencies.models import StaffMember

    User = get_user_model()
    clients = {}
    out = {"staff": StaffMember.objects.count(), "pages": {}}
    for name, username, path in pages():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        response = client.get(path)  # warm-up: template loading, caches, page cache
        assert response.status_code == 200, (name, path, response.status_code)
        times, counts = [], set()
        for _ in range(min(args.repeat, SLOW.get(name, args.repeat))):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(path)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (name, path, response.status_code)
            counts.add(len(queries))
        out["pages"][name] = {
            "path": path,
            "user": username,
            "median_seconds": statistics.median(times),
            "queries": max(counts),
            "queries_stable": len(counts) == 1,
            "export": name in EXPORTS,
            "target_seconds": TARGETS.get(name, 0.150),
            "bytes": len(response.content)
            if not hasattr(response, "streaming_content")
            else None,
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
