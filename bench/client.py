"""Two ways to send the same browser requests: over HTTP (the server) or in-process (the probe).

Both sign in with the login form, keep the session cookie, send the CSRF token with every form
post, and time only the requests an operation marks as timed (navigation that merely finds an
id for the next step is not counted). The in-process client also tells the SQL capture when a
timed request starts and ends.
"""

from __future__ import annotations

import http.client
import re
import time
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Response:
    def __init__(self, status: int, headers: dict, body: str):
        self.status, self.headers, self.body = status, headers, body

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class BaseClient:
    """Sign-in, CSRF token and the timing of marked requests."""

    def __init__(self):
        self.token = ""
        self.elapsed = 0.0
        #: CPU seconds this process spent in the timed requests (in-process client: our code's
        #: own cost, which other programs' load on the machine barely changes)
        self.cpu = 0.0

    def sign_in(self, username: str, password: str) -> None:
        token = CSRF.search(self.request("GET", "/login").body).group(1)
        answer = self.request("POST", "/login", {"username": username, "password": password,
                                                 "csrf_token": token})
        if answer.status != 302:
            raise RuntimeError(f"sign-in refused ({answer.status})")
        self.token = CSRF.search(self.request("GET", "/people/new").body).group(1)

    def get(self, path: str, *, timed: bool = True, expect: int = 200) -> Response:
        return self._send("GET", path, None, timed, expect)

    def post(self, path: str, data: dict, *, timed: bool = True, expect: int = 302) -> Response:
        return self._send("POST", path, {**data, "csrf_token": self.token}, timed, expect)

    def _send(self, method, path, data, timed, expect) -> Response:
        self.before(timed)
        began, cpu = time.perf_counter(), time.process_time()
        try:
            answer = self.request(method, path, data)
        finally:
            if timed:
                self.elapsed += time.perf_counter() - began
                self.cpu += time.process_time() - cpu
            self.after(timed)
        if answer.status != expect:
            raise RuntimeError(f"{method} {path}: {answer.status}, expected {expect}: "
                               f"{answer.body[:300]!r}")
        return answer

    def before(self, timed: bool) -> None:
        """Hook for the SQL capture (in-process client)."""

    def after(self, timed: bool) -> None:
        """Hook for the SQL capture (in-process client)."""

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        raise NotImplementedError


class HttpClient(BaseClient):
    """A browser over loopback: one connection per request (gunicorn's sync workers close it)."""

    def __init__(self, port: int):
        super().__init__()
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method, path, data=None) -> Response:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                   "Accept-Language": "fr-CA"}
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            text = raw.read().decode("utf-8", "replace")
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _sep, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, text)
        finally:
            connection.close()


class AppClient(BaseClient):
    """The same requests through Flask's test client, in this process (no HTTP server)."""

    def __init__(self, app, capture=None):
        super().__init__()
        self.client = app.test_client()
        self.capture = capture

    def before(self, timed: bool) -> None:
        if timed and self.capture is not None:
            self.capture.on = True

    def after(self, timed: bool) -> None:
        if self.capture is not None:
            self.capture.on = False

    def request(self, method, path, data=None) -> Response:
        answer = self.client.open(path, method=method, data=data,
                                  headers={"Accept-Language": "fr-CA"})
        return Response(answer.status_code, {k.lower(): v for k, v in answer.headers.items()},
                        answer.get_data(as_text=True))
