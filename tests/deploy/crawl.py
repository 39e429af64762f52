"""Crawl a running production-mode site as each demo role; fail on what a deployment must not do.

    .venv/bin/python tests/deploy/crawl.py http://127.0.0.1:8123

scripts/production-check.sh (a step of .ci/run) starts gunicorn with DEBUG off on a seeded
database and runs this against it. It signs in as each demo login (and crawls once signed out),
two roles at a time, follows every link of the site it finds and exits 1 on:

- any 5xx;
- a stylesheet, script, icon or image under /static/ that a page (or a stylesheet) names
  without the manifest's hash in its file name, or that is not served with 200;
- an HTML response without Strict-Transport-Security, X-Content-Type-Options: nosniff,
  Referrer-Policy or Content-Security-Policy;
- a redirect to https:// of the address just asked for (the proxy header not honoured).

It talks to 127.0.0.1 only and sends X-Forwarded-Proto: https, as the TLS proxy in front of the
site does. Only GET once signed in: never a form, never a logout. The Wagtail admin is visited only from its
dashboard, one level deep, and only for the roles that work in it. Every bound is fixed: pages
per role, seconds overall, seconds per request, bytes read per response. Standard library
only, so it runs with any Python.
"""

import argparse
import collections
import concurrent.futures
import html.parser
import http.client
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie

ROLES = [
    "admin",
    "trainer",
    "moderator",
    "coordinator.wmp",
    "chair.sandwell",
    "staff.wmp",
    "staff.solihull",
]
ANONYMOUS = "(signed out)"
# The roles whose work is in the admin: its dashboard and the pages it links to are crawled.
ADMIN_ROLES = {"admin", "trainer", "coordinator.wmp"}
ADMIN_DASHBOARD = "/admin/"
LOGIN_PATH = "/accounts/login/"
REQUIRED_HEADERS = (
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Content-Security-Policy",
)
# ManifestStaticFilesStorage names a file name.<12 hex digits of its MD5>.ext.
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.[A-Za-z0-9]+$")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)""")
USER_AGENT = "safeguarding-training-deploy-crawler"


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    truncated: bool

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def is_html(self) -> bool:
        return self.header("Content-Type").startswith("text/html")


class Client:
    """One browser: a cookie jar, HTTPS as the proxy reports it, requests to 127.0.0.1 only."""

    def __init__(self, port: int, *, timeout: float, max_bytes: int):
        self.port = port
        self.origin = f"https://127.0.0.1:{port}"
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=None, headers=None) -> Response:
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.timeout
        )
        sent = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": USER_AGENT,
            "Accept": "text/html,*/*;q=0.8",
        }
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            length = response.getheader("Content-Length")
            # A download bigger than the limit is not read at all; one without a length
            # (streamed) is read up to it.
            if length and length.isdigit() and int(length) > self.max_bytes:
                data, truncated = b"", True
            else:
                data = response.read(self.max_bytes + 1)
                truncated = len(data) > self.max_bytes
            self._keep_cookies(response.msg)
            return Response(
                response.status, response.msg, data[: self.max_bytes], truncated
            )
        finally:
            connection.close()

    def _keep_cookies(self, headers) -> None:
        for line in headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            try:
                jar.load(line)
            except CookieError:
                continue
            for name, morsel in jar.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


class LinkParser(html.parser.HTMLParser):
    """Links to follow (a, area) and assets the page loads (link, script, img), plus the
    Wagtail admin's menu, which is JSON in a script element rendered by JavaScript."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.assets: list[str] = []
        self.csrf_token = ""
        self._json_script = False
        self._json = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "area") and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            if {"stylesheet", "icon", "preload", "modulepreload"} & set(rel.split()):
                self.assets.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf_token = attrs.get("value") or ""
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self._json_script = True

    def handle_endtag(self, tag):
        if tag == "script" and self._json_script:
            self._json_script = False
            try:
                self.links.extend(_menu_urls(json.loads("".join(self._json))))
            except ValueError:
                pass
            self._json = []

    def handle_data(self, data):
        if self._json_script:
            self._json.append(data)


def _menu_urls(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["url"]] if isinstance(value.get("url"), str) else []
        return found + [u for v in value.values() for u in _menu_urls(v)]
    if isinstance(value, list):
        return [u for v in value for u in _menu_urls(v)]
    return []


def parse(body: bytes) -> LinkParser:
    parser = LinkParser()
    parser.feed(body.decode("utf-8", errors="replace"))
    parser.close()
    return parser


def same_site_path(port: int, base: str, href: str) -> str | None:
    """The path and query `href` (found on the page at `base`) points to on this site, or
    None when it leaves it (another host, mailto:, javascript:, a fragment of the page)."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    url = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
    if url.scheme not in ("http", "https"):
        return None
    default_port = 443 if url.scheme == "https" else 80
    if (
        url.hostname not in ("127.0.0.1", "localhost")
        or (url.port or default_port) != port
    ):
        return None
    return urllib.parse.urlunsplit(("", "", url.path or "/", url.query, ""))


def is_logout(path: str) -> bool:
    return "logout" in urllib.parse.urlsplit(path).path


@dataclass
class Crawl:
    """What one role saw."""

    role: str
    pages: int = 0
    statuses: collections.Counter = field(default_factory=collections.Counter)
    client_errors: list[tuple[int, str, str]] = field(default_factory=list)
    seconds: float = 0.0
    stopped_by: str = ""


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    crawls: list[Crawl] = field(default_factory=list)
    static: dict[str, int] = field(default_factory=dict)
    # (seconds, role, path) of every page, for the slowest in the summary.
    timings: list[tuple[float, str, str]] = field(default_factory=list)

    def fail(self, role: str, path: str, problem: str, referrer: str = "") -> None:
        where = f" (linked from {referrer})" if referrer else ""
        self.failures.append(f"[{role}] {path}{where}: {problem}")


class Crawler:
    def __init__(self, args, report: Report):
        self.args = args
        self.report = report
        self.port = args.port
        self.static_lock = threading.RLock()

    def client(self) -> Client:
        return Client(
            self.port, timeout=self.args.request_timeout, max_bytes=self.args.max_bytes
        )

    def sign_in(self, client: Client, username: str) -> bool:
        form = client.request("GET", LOGIN_PATH)
        token = parse(form.body).csrf_token if form.status == 200 else ""
        if not token:
            self.report.fail(
                username, LOGIN_PATH, f"no sign-in form (status {form.status})"
            )
            return False
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "username": username,
                "password": self.args.password,
                "next": "",
            }
        )
        response = client.request(
            "POST",
            LOGIN_PATH,
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                # Django's CSRF check of an HTTPS POST compares these with the host.
                "Origin": client.origin,
                "Referer": client.origin + LOGIN_PATH,
            },
        )
        if response.status != 302 or "sessionid" not in client.cookies:
            # One attempt only: a retry with a wrong password would count toward the lockout.
            self.report.fail(
                username, LOGIN_PATH, f"signing in failed (status {response.status})"
            )
            return False
        return True

    def crawl(self, role: str, deadline: float) -> None:
        crawl = Crawl(role)
        self.report.crawls.append(crawl)
        started = time.monotonic()
        client = self.client()
        if role != ANONYMOUS and not self.sign_in(client, role):
            crawl.seconds = time.monotonic() - started
            return
        in_admin = role in ADMIN_ROLES
        # Paths without a query first: pages before their sorted and filtered variants.
        queue: collections.deque[tuple[str, str]] = collections.deque()
        later: collections.deque[tuple[str, str]] = collections.deque()
        seen: set[str] = set()

        def enqueue(path: str, referrer: str) -> None:
            if path in seen or is_logout(path) or path.startswith("/static/"):
                return
            if path.startswith("/admin/") and path != ADMIN_DASHBOARD:
                # One level of the admin: only what the dashboard itself links to.
                if not (in_admin and referrer == ADMIN_DASHBOARD):
                    return
            if path == ADMIN_DASHBOARD and not in_admin:
                return
            seen.add(path)
            (later if "?" in path else queue).append((path, referrer))

        enqueue("/", "")
        enqueue("/robots.txt", "")
        enqueue("/no-such-page-deploy-check/", "")
        if role != ANONYMOUS:
            enqueue("/my-training/", "")
        if in_admin:
            enqueue(ADMIN_DASHBOARD, "")
        while queue or later:
            if crawl.pages >= self.args.max_pages:
                crawl.stopped_by = f"page limit ({self.args.max_pages})"
                break
            if time.monotonic() > deadline:
                crawl.stopped_by = "time limit"
                break
            path, referrer = (queue or later).popleft()
            asked = time.monotonic()
            try:
                response = client.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                self.report.fail(role, path, f"no response: {error!r}", referrer)
                crawl.pages += 1
                continue
            crawl.pages += 1
            crawl.statuses[response.status] += 1
            self.report.timings.append((time.monotonic() - asked, role, path))
            self.check(role, path, referrer, response, crawl)
            if response.status in (301, 302, 303, 307, 308):
                target = same_site_path(
                    self.port, client.origin + path, response.header("Location")
                )
                if target:
                    enqueue(target, path)
                continue
            if not response.is_html or response.truncated:
                continue
            page = parse(response.body)
            for href in page.links:
                target = same_site_path(self.port, client.origin + path, href)
                if target:
                    enqueue(target, path)
            for src in page.assets:
                target = same_site_path(self.port, client.origin + path, src)
                if target and target.startswith("/static/"):
                    self.check_static(role, target, path)
        crawl.seconds = time.monotonic() - started

    def check(self, role, path, referrer, response: Response, crawl: Crawl) -> None:
        if response.status >= 500:
            self.report.fail(role, path, f"status {response.status}", referrer)
        elif response.status >= 400 and path != "/no-such-page-deploy-check/":
            crawl.client_errors.append((response.status, path, referrer))
        if response.status in (301, 308):
            location = response.header("Location")
            if location == f"https://127.0.0.1:{self.port}{path}":
                self.report.fail(
                    role, path, "redirected to HTTPS despite X-Forwarded-Proto: https"
                )
        if response.is_html:
            missing = [name for name in REQUIRED_HEADERS if not response.header(name)]
            if missing:
                self.report.fail(
                    role, path, "HTML without " + ", ".join(missing), referrer
                )
            if response.header("X-Content-Type-Options").lower() not in ("", "nosniff"):
                self.report.fail(role, path, "X-Content-Type-Options is not nosniff")

    def check_static(self, role: str, path: str, page: str) -> None:
        name = urllib.parse.urlsplit(path).path
        if not HASHED_NAME.search(name):
            self.report.fail(
                role, path, "static file named without the manifest hash", page
            )
        with self.static_lock:  # two roles meeting one file fetch it once
            if path not in self.report.static:
                self.fetch_static(role, path)
        if self.report.static[path] != 200:
            self.report.fail(
                role, path, f"static file answered {self.report.static[path]}", page
            )

    def fetch_static(self, role: str, path: str) -> None:
        self.report.static[path] = 0  # a stylesheet naming itself does not loop
        try:
            response = self.client().request("GET", path)
        except (OSError, http.client.HTTPException):
            return
        self.report.static[path] = response.status
        if response.header("Content-Type").startswith("text/css"):
            # What the stylesheet loads (the crest, any font) must be hashed and served too.
            base = f"https://127.0.0.1:{self.port}{urllib.parse.urlsplit(path).path}"
            for ref in CSS_URL.findall(response.body.decode("utf-8", "replace")):
                target = same_site_path(self.port, base, ref)
                if target and target.startswith("/static/"):
                    self.check_static(role, target, path)


def wait_until_up(args) -> bool:
    """Gunicorn takes a moment to boot its workers."""
    client = Client(args.port, timeout=5, max_bytes=1024)
    until = time.monotonic() + args.wait
    while time.monotonic() < until:
        try:
            client.request("GET", "/robots.txt")
            return True
        except OSError:
            time.sleep(0.5)
    return False


def summarise(report: Report, out=None) -> None:
    out = out or sys.stdout
    print("\nDeploy crawl", file=out)
    print(f"{'role':<18} {'pages':>5} {'seconds':>8}  statuses", file=out)
    for crawl in report.crawls:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(crawl.statuses.items()))
        note = f"  (stopped: {crawl.stopped_by})" if crawl.stopped_by else ""
        print(
            f"{crawl.role:<18} {crawl.pages:>5} {crawl.seconds:>8.1f}  {statuses}{note}",
            file=out,
        )
    bad_static = sum(1 for status in report.static.values() if status != 200)
    print(
        f"static files checked: {len(report.static)}, not 200: {bad_static}", file=out
    )
    slowest = sorted(report.timings, reverse=True)[:5]
    if slowest:
        print(
            "slowest: " + "; ".join(f"{p} {s:.1f} s" for s, _, p in slowest), file=out
        )
    client_errors = [
        (crawl.role, *error) for crawl in report.crawls for error in crawl.client_errors
    ]
    if client_errors:
        print(
            f"\nlinks answering 4xx ({len(client_errors)}; refusals are not failures):",
            file=out,
        )
        for role, status, path, referrer in client_errors[:40]:
            print(f"  [{role}] {status} {path}  (from {referrer or 'start'})", file=out)
    if report.failures:
        print(f"\nFAILED: {len(report.failures)} problem(s)", file=out)
        for failure in report.failures[:200]:
            print("  " + failure, file=out)
    else:
        print(
            "\nOK: no 5xx, every static file hashed and served, every HTML response "
            "with its security headers",
            file=out,
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "base_url", help="http://127.0.0.1:PORT (nothing else is accepted)"
    )
    parser.add_argument("--max-pages", type=int, default=250, help="per role")
    parser.add_argument(
        "--max-seconds", type=float, default=900, help="for the whole crawl"
    )
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument(
        "--max-bytes", type=int, default=5_000_000, help="read per response"
    )
    parser.add_argument(
        "--wait", type=float, default=60, help="for the server to answer"
    )
    parser.add_argument("--roles", default=",".join([ANONYMOUS, *ROLES]))
    parser.add_argument(
        "--parallel", type=int, default=2, help="roles at once (gunicorn has 2 workers)"
    )
    args = parser.parse_args(argv)
    base = urllib.parse.urlsplit(args.base_url)
    if base.scheme != "http" or base.hostname != "127.0.0.1" or not base.port:
        parser.error(
            "the base URL must be http://127.0.0.1:PORT: this crawls a local server"
        )
    args.port = base.port
    args.password = os.environ.get("DEMO_PASSWORD", "safeguarding-demo")
    if not wait_until_up(args):
        print(
            f"nothing answered on {args.base_url} within {args.wait:.0f} s",
            file=sys.stderr,
        )
        return 1
    report = Report()
    crawler = Crawler(args, report)
    roles = [role for role in args.roles.split(",") if role]
    end = time.monotonic() + args.max_seconds
    lock = threading.Lock()
    begun = []

    def crawl_role(role: str) -> None:
        # Each role gets its share of the time left, so a slow one cannot starve the rest.
        with lock:
            left = len(roles) - len(begun)
            begun.append(role)
        share = (end - time.monotonic()) * min(args.parallel, left) / left
        crawler.crawl(role, min(end, time.monotonic() + share))

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.parallel) as pool:
        list(pool.map(crawl_role, roles))
    report.crawls.sort(key=lambda crawl: roles.index(crawl.role))
    summarise(report)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
