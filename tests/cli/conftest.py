"""The account the CLI tests write as."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import signed

from governance import db
from governance.rules.permissions import Actor, Role
from governance.services import accounts

ADMIN = Actor("admin", Role.ADMIN)
PLENARY = shutil.which("plenary") or str(Path(sys.executable).with_name("plenary"))


@pytest.fixture
def clerk(database_url: str) -> str:
    """A secretariat account the CLI writes as (`--as clerk`), created by an admin."""
    engine = db.get_engine(database_url)
    signed.accounts(engine, ADMIN)
    accounts.add_user(
        engine=engine,
        actor=ADMIN,
        username="clerk",
        role="secretariat",
        password="correct horse battery",
    )
    return "clerk"
