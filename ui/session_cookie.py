"""A password sign-in that survives a page reload and a new tab: a signed, expiring, HttpOnly
cookie (itsdangerous), revoked by sign-out, disable, role and password change.

The app's script runs on the server and talks to the browser over a websocket, so it cannot set
an HTTP cookie itself. After a sign-in it hands the page a short-lived signed token, which the
page POSTs to :data:`ROUTE`; that route (added to Streamlit's server by ``ui/app.py``) sets the
HttpOnly cookie. A new browser session reads it from ``st.context.cookies``. The cookie names the
account and its credential version: every change of the account — and a sign-out, which bumps
the version too — makes every copy of it worthless (``accounts.current_actor`` refuses it).
"""

from __future__ import annotations

import functools
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from itsdangerous import BadData, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from governance.rules.permissions import Actor
from governance.settings import get_settings

COOKIE = "plenary_session"
ROUTE = "/plenary/session"
HANDOFF_SECONDS = 60
"""How long the page has to exchange the sign-in's token for the cookie."""
_HANDOFF, _SESSION = "plenary-sign-in-handoff", "plenary-session"


def secret_key() -> str:
    """The signing secret: PLENARY_SECRET_KEY, else one generated once into the server's state
    folder (readable by its owner only), so every server process shares it."""
    settings = get_settings()
    return settings.secret_key or _generated_secret(settings.state_dir / "session-secret")


@functools.cache
def _generated_secret(path: Path) -> str:
    """Read the secret, or write a new one: whole into a private temporary file, then linked
    into place (so a second process starting at once never reads a half-written one)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".session-secret-")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:  # mkstemp: mode 0600
                handle.write(secrets.token_urlsafe(48))
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process won; use its secret
        finally:
            os.unlink(temporary)
    return path.read_text(encoding="ascii").strip()


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key(), salt=salt)


def _payload(actor: Actor) -> dict[str, Any]:
    return {"user": actor.username, "version": actor.credential_version}


def _account(value: Any) -> tuple[str, int] | None:
    if isinstance(value, dict):
        user, version = value.get("user"), value.get("version")
        if isinstance(user, str) and isinstance(version, int):
            return user, version
    return None


def handoff_token(actor: Actor) -> str:
    """The short-lived token a page exchanges for the cookie right after a sign-in."""
    return _serializer(_HANDOFF).dumps(_payload(actor))


def session_token(handoff: str) -> str | None:
    """The cookie's value for a valid, fresh handoff token (None otherwise)."""
    try:
        account = _account(_serializer(_HANDOFF).loads(handoff, max_age=HANDOFF_SECONDS))
    except BadData:
        return None
    if account is None:
        return None
    return _serializer(_SESSION).dumps({"user": account[0], "version": account[1]})


def read(value: str | None) -> tuple[str, int] | None:
    """(user name, credential version) of a valid, unexpired cookie value; None otherwise."""
    if not value:
        return None
    try:
        max_age = get_settings().session_hours * 3600
        return _account(_serializer(_SESSION).loads(value, max_age=max_age))
    except BadData:
        return None


async def _session_route(request: Request) -> Response:
    """POST (body: a handoff token) sets the cookie; DELETE clears it. Same-origin only."""
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        return Response(status_code=403)
    response = Response(status_code=204, headers={"Cache-Control": "no-store"})
    if request.method == "DELETE":
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return response
    value = session_token((await request.body()).decode("ascii", "replace").strip())
    if value is None:
        return Response(status_code=400)
    response.set_cookie(
        COOKIE,
        value,
        max_age=get_settings().session_hours * 3600,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


def routes() -> list[Route]:
    return [Route(ROUTE, _session_route, methods=["POST", "DELETE"])]


def set_script(actor: Actor) -> str:
    """The page script that asks the server for the cookie (st.html runs it in the page)."""
    token = handoff_token(actor)
    return (
        f"<script>fetch({ROUTE!r}, {{method: 'POST', body: {token!r}, "
        "credentials: 'same-origin'});</script>"
    )


def clear_script() -> str:
    return f"<script>fetch({ROUTE!r}, {{method: 'DELETE', credentials: 'same-origin'}});</script>"
