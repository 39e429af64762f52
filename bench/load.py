"""Section 3: page throughput under load, as a fraction of a trivial view's, on one server.

  python -m bench.load [--seconds 10]   (DATABASE_URL: the PostgreSQL bench database)
Starts gunicorn with 2 workers on loopback, then drives each page with wrk (a second
process) for a bounded time, signed in as the page's user. The trivial view (bench/urls.py)
is measured before and after the pages and averaged, so drift on a shared machine shows.
Prints one JSON line.
"""

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import ROOT, django_setup

TRIVIAL = "/bench/trivial/"
LAYOUT = "/bench/layout/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def wrk(url: str, *, seconds: int, cookie: str | None) -> dict:
    cmd = ["wrk", "-t1", "-c4", f"-d{seconds}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = re.search(r"(\d+) requests in", out)
    return {
        "rps": rps,
        "requests": int(total.group(1)) if total else None,
        "non_2xx": int(bad.group(1)) if bad else 0,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_args()
    django_setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.pages import pages
    from competencies.models import StaffMember

    User = get_user_model()
    cookies = {}
    targets = []
    for name, username, path in pages():
        if username not in cookies:
            client = Client()
            client.force_login(User.objects.get(username=username))
            cookies[username] = client.cookies["sessionid"].value
        targets.append((name, path, cookies[username]))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = {"staff": StaffMember.objects.count(), "seconds": args.seconds, "pages": {}}
    try:
        wait_until_up(base + TRIVIAL)
        for _name, path, cookie in targets:  # warm both workers
            for _ in range(4):
                request = urllib.request.Request(
                    base + path, headers={"Cookie": f"sessionid={cookie}"}
                )
                urllib.request.urlopen(request, timeout=60).read()
        before = wrk(base + TRIVIAL, seconds=args.seconds, cookie=None)
        out["layout"] = wrk(
            base + LAYOUT, seconds=args.seconds, cookie=cookies["staff.wmp"]
        )
        for name, path, cookie in targets:
            out["pages"][name] = {
                "path": path,
                **wrk(base + path, seconds=args.seconds, cookie=cookie),
            }
        after = wrk(base + TRIVIAL, seconds=args.seconds, cookie=None)
    finally:
        server.terminate()
        server.wait(timeout=30)
    out["trivial_before"] = before
    out["trivial_after"] = after
    out["trivial_rps"] = (before["rps"] + after["rps"]) / 2
    print(json.dumps(out))


if __name__ == "__main__":
    main()
