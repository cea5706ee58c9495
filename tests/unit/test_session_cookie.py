"""The sign-in cookie: signed, expiring, HttpOnly; a handoff token is good for a minute and for
nothing else; a foreign page cannot set it."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response

from governance.rules.permissions import Actor, Role
from ui import session_cookie

CLERK = Actor("clerk", Role.SECRETARIAT, credential_version=3)


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLENARY_SECRET_KEY", "a test secret that is long enough to sign with")


def _call(method: str, body: bytes = b"", origin: str | None = None) -> Response:
    headers = [(b"host", b"127.0.0.1:8501")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    scope = {
        "type": "http",
        "method": method,
        "path": session_cookie.ROUTE,
        "headers": headers,
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
    }

    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": body, "more_body": False}

    return asyncio.run(session_cookie._session_route(Request(scope, receive)))


def _cookie_value(response: Response) -> str:
    header = response.headers["set-cookie"]
    return header.split(";", 1)[0].split("=", 1)[1]


def test_a_fresh_handoff_token_becomes_an_httponly_cookie_naming_the_account() -> None:
    response = _call("POST", session_cookie.handoff_token(CLERK).encode(), "http://127.0.0.1:8501")
    assert response.status_code == 204
    header = response.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=strict" in header and "max-age=43200" in header
    assert session_cookie.read(_cookie_value(response)) == ("clerk", 3)


def test_the_handoff_token_is_no_cookie_and_a_cookie_no_handoff_token() -> None:
    handoff = session_cookie.handoff_token(CLERK)
    assert session_cookie.read(handoff) is None
    cookie = session_cookie.session_token(handoff)
    assert cookie is not None and session_cookie.session_token(cookie) is None


def test_a_stale_handoff_token_a_forged_one_and_a_foreign_page_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handoff = session_cookie.handoff_token(CLERK)
    assert _call("POST", b"clerk:3").status_code == 400
    assert _call("POST", handoff.encode(), "https://evil.example").status_code == 403
    later = time.time() + session_cookie.HANDOFF_SECONDS + 5
    monkeypatch.setattr(time, "time", lambda: later)
    assert _call("POST", handoff.encode()).status_code == 400


def test_a_cookie_expires_and_another_secret_does_not_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cookie = session_cookie.session_token(session_cookie.handoff_token(CLERK))
    assert cookie is not None
    assert session_cookie.read(cookie[:-2] + "xx") is None  # tampered
    monkeypatch.setenv("PLENARY_SESSION_HOURS", "1")
    later = time.time() + 3700
    monkeypatch.setattr(time, "time", lambda: later)
    assert session_cookie.read(cookie) is None  # expired
    monkeypatch.undo()
    monkeypatch.setenv("PLENARY_SECRET_KEY", "another secret altogether, just as long")
    assert session_cookie.read(cookie) is None


def test_delete_clears_the_cookie() -> None:
    response = _call("DELETE")
    assert response.status_code == 204
    assert "max-age=0" in response.headers["set-cookie"].lower()


def test_the_generated_secret_is_written_once_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "state" / "session-secret"
    first = session_cookie._generated_secret(path)
    session_cookie._generated_secret.cache_clear()
    assert session_cookie._generated_secret(path) == first and len(first) >= 48
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["session-secret"]
