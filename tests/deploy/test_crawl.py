"""The deploy crawler (tests/deploy/crawl.py) against a stub site on 127.0.0.1: it passes a
clean site, and finds each defect it exists for on a broken one."""

import http.server
import threading
import urllib.parse

import pytest

from tests.deploy import crawl

SECURE = {
    "Content-Type": "text/html; charset=utf-8",
    "Strict-Transport-Security": "max-age=31536000",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'",
}
ASSETS = (
    '<link rel="stylesheet" href="/static/dist/css/main.0123456789ab.css">'
    '<script src="/static/js/app.abcdef012345.js"></script>'
)
FORM = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="tok"></form>'


def page(body: str, status: int = 200, headers=None):
    return status, {**SECURE, **(headers or {})}, f"<!doctype html>{body}".encode()


def static(status: int = 200, body: bytes = b"body{}"):
    return status, {"Content-Type": "text/css"}, body


CLEAN = {
    "/": page(
        ASSETS + '<a href="/sessions/">Sessions</a><a href="mailto:x@example.org">x</a>'
    ),
    "/sessions/": page(
        ASSETS + '<a href="/sessions/?page=2">2</a><a href="/#top">home</a>'
    ),
    "/sessions/?page=2": page(ASSETS),
    "/robots.txt": (200, {"Content-Type": "text/plain"}, b"User-agent: *\n"),
    "/no-such-page-deploy-check/": page("Page not found", status=404),
    "/static/dist/css/main.0123456789ab.css": static(
        body=b'a{background:url("../govuk/crest.0123456789ab.svg")}b{c:url(data:x)}'
    ),
    "/static/dist/govuk/crest.0123456789ab.svg": static(),
    "/static/js/app.abcdef012345.js": static(),
}


@pytest.fixture
def site():
    """A stub server answering from `routes`; `requests` records what was asked."""
    routes: dict = {}
    requests: list[tuple[str, str, dict, bytes]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            requests.append((self.command, self.path, dict(self.headers), body))
            status, headers, content = routes.get(
                (self.command, self.path), routes.get(self.path, page("", status=404))
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, routes, requests
    server.shutdown()
    server.server_close()


def run(server, *roles, extra=()):
    url = f"http://127.0.0.1:{server.server_address[1]}"
    args = [url, "--roles", ",".join(roles), "--wait", "5", "--max-seconds", "30"]
    return crawl.main([*args, *extra])


def test_a_clean_site_passes(site, capsys):
    server, routes, requests = site
    routes.update(CLEAN)
    assert run(server, crawl.ANONYMOUS) == 0
    out = capsys.readouterr().out
    assert "OK: no 5xx" in out
    asked = [path for method, path, *_ in requests]
    assert "/sessions/?page=2" in asked
    assert (
        "/static/dist/govuk/crest.0123456789ab.svg" in asked
    )  # named by the stylesheet
    assert all(method == "GET" for method, *_ in requests)
    # Every request says HTTPS, as the TLS proxy in front of gunicorn would.
    assert all(headers["X-Forwarded-Proto"] == "https" for _, _, headers, _ in requests)


def test_each_defect_is_found_and_fails_the_run(site, capsys):
    server, routes, requests = site
    routes.update(CLEAN)
    routes["/"] = page(
        '<link rel="stylesheet" href="/static/dist/css/main.css">'
        '<script src="/static/js/gone.0123456789ab.js"></script>'
        '<a href="/boom/">a</a><a href="/bare/">b</a><a href="/http/">c</a>'
        '<a href="/accounts/logout/">out</a><a href="/admin/pages/">admin</a>'
        '<a href="https://elsewhere.example/">away</a>'
    )
    routes["/boom/"] = page("Server error", status=500)
    routes["/bare/"] = (200, {"Content-Type": "text/html"}, b"<p>no headers</p>")
    port = server.server_address[1]
    routes["/http/"] = (301, {"Location": f"https://127.0.0.1:{port}/http/"}, b"")
    routes["/static/dist/css/main.css"] = static(
        body=b"a{background:url(fonts/x.woff2)}"
    )
    routes["/static/js/gone.0123456789ab.js"] = static(404)
    assert run(server, crawl.ANONYMOUS) == 1
    out = capsys.readouterr().out
    assert "/boom/ (linked from /): status 500" in out
    assert (
        "/bare/ (linked from /): HTML without Strict-Transport-Security, "
        "X-Content-Type-Options, Referrer-Policy, Content-Security-Policy" in out
    )
    assert "/static/dist/css/main.css (linked from /): static file named without" in out
    assert (
        "/static/js/gone.0123456789ab.js (linked from /): static file answered 404"
        in out
    )
    assert "/http/: redirected to HTTPS despite X-Forwarded-Proto" in out
    # What the stylesheet names is checked too.
    assert (
        "/static/dist/css/fonts/x.woff2 (linked from /static/dist/css/main.css): "
        "static file named without the manifest hash" in out
    )
    assert (
        "/static/dist/css/fonts/x.woff2 (linked from /static/dist/css/main.css): static file answered 404"
        in out
    )
    asked = {path for _, path, *_ in requests}
    assert "/accounts/logout/" not in asked and "/admin/pages/" not in asked


def test_signs_in_with_the_form_and_keeps_to_one_level_of_the_admin(site, capsys):
    server, routes, requests = site
    routes.update(CLEAN)
    routes[crawl.LOGIN_PATH] = page(FORM)
    routes[("POST", crawl.LOGIN_PATH)] = (
        302,
        {"Location": "/", "Set-Cookie": "sessionid=abc; Path=/; Secure; HttpOnly"},
        b"",
    )
    menu = '{"menuItems": [{"url": "/admin/competencies_staff/"}, {"action": "/admin/logout/"}]}'
    routes["/my-training/"] = page(ASSETS)
    routes["/admin/"] = page(
        ASSETS
        + f'<script id="wagtail-sidebar-props" type="application/json">{menu}</script>'
    )
    routes["/admin/competencies_staff/"] = page(
        ASSETS + '<a href="/admin/competencies_staff/1/">one</a>'
    )
    assert run(server, "admin", "staff.wmp") == 0
    # The two roles sign in side by side, in either order.
    posts = {
        urllib.parse.parse_qs(body.decode())["username"][0]: (headers, body)
        for method, _, headers, body in requests
        if method == "POST"
    }
    assert sorted(posts) == ["admin", "staff.wmp"]
    headers, body = posts["admin"]
    assert urllib.parse.parse_qs(body.decode())["csrfmiddlewaretoken"] == ["tok"]
    # Django's CSRF check of an HTTPS POST compares the Referer with the host.
    assert headers["Referer"].startswith("https://127.0.0.1:")
    signed_in = [h for m, p, h, _ in requests if m == "GET" and p == "/my-training/"]
    assert all("sessionid=abc" in h.get("Cookie", "") for h in signed_in)
    asked = [path for _, path, *_ in requests]
    # The admin's menu is followed once (admin only, from the dashboard), no deeper.
    assert asked.count("/admin/competencies_staff/") == 1
    assert "/admin/competencies_staff/1/" not in asked
    assert "/admin/logout/" not in asked
    assert asked.count("/admin/") == 1  # staff.wmp does not open the admin


def test_a_refused_sign_in_fails_once_without_retrying(site, capsys):
    server, routes, requests = site
    routes.update(CLEAN)
    routes[crawl.LOGIN_PATH] = page(FORM)  # a POST gets the form back: wrong password
    assert run(server, "trainer") == 1
    assert "[trainer] /accounts/login/: signing in failed (status 200)" in (
        capsys.readouterr().out
    )
    assert sum(1 for method, *_ in requests if method == "POST") == 1


@pytest.mark.parametrize(
    "href, expected",
    [
        ("/sessions/?page=2#list", "/sessions/?page=2"),
        ("detail/", "/sessions/detail/"),
        ("https://127.0.0.1:8123/verify/X/", "/verify/X/"),
        ("http://localhost:8123/", "/"),
        ("https://127.0.0.1:9999/", None),
        ("https://training.example/", None),
        ("mailto:someone@example.org", None),
        ("javascript:void(0)", None),
        ("#main-content", None),
    ],
)
def test_same_site_path(href, expected):
    assert (
        crawl.same_site_path(8123, "https://127.0.0.1:8123/sessions/", href) == expected
    )


def test_refuses_any_address_but_127_0_0_1():
    for url in (
        "http://localhost:8000",
        "http://10.0.0.1:8000",
        "https://127.0.0.1:8000",
    ):
        with pytest.raises(SystemExit):
            crawl.main([url])
