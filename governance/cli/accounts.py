"""Accounts: add, change a password, disable, enable, change a role, list."""

from __future__ import annotations

import dataclasses
import sys

import click

from governance.cli.base import Context, emit, origin, pass_context
from governance.rules.permissions import ANONYMOUS, SYSTEM
from governance.services import accounts


@click.group()
def user() -> None:
    """Accounts: add, change a password, disable, enable, change a role, list. The first admin
    needs no --as."""


def _password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@user.command(name="add")
@click.argument("username")
@click.option("--role", type=click.Choice(["admin", "secretariat", "delegate"]), required=True)
@click.option("--participant", help="the Participant a delegate acts for")
@click.option("--email", help="e-mail known to the identity provider (OIDC sign-in)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@pass_context
def user_add(
    ctx: Context,
    username: str,
    role: str,
    participant: str | None,
    email: str | None,
    password_stdin: bool,
) -> None:
    """Create an account (the first admin: run without --as, on the server)."""
    engine = ctx.engine
    actor = ctx.actor
    if actor is ANONYMOUS and role == "admin" and not accounts.has_admin(engine=engine):
        actor = dataclasses.replace(SYSTEM, origin=origin())
    created = accounts.add_user(
        engine=engine,
        actor=actor,
        username=username,
        role=role,
        password=_password(password_stdin),
        email=email,
        participant=participant,
    )
    emit(ctx, created)


@user.command(name="passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True)
@pass_context
def user_passwd(ctx: Context, username: str, password_stdin: bool) -> None:
    """Set a password (an admin for anyone, a user for themselves)."""
    accounts.set_password(
        engine=ctx.engine, actor=ctx.actor, username=username, password=_password(password_stdin)
    )
    emit(ctx, {"user": username, "password": "changed"})


@user.command(name="disable")
@click.argument("username")
@pass_context
def user_disable(ctx: Context, username: str) -> None:
    """Disable an account: it can no longer sign in and its open sessions end (not your own,
    nor the last enabled admin)."""
    name = accounts.disable_user(engine=ctx.engine, actor=ctx.actor, username=username)
    emit(ctx, {"user": name, "disabled": True})


@user.command(name="enable")
@click.argument("username")
@pass_context
def user_enable(ctx: Context, username: str) -> None:
    """Enable a disabled account again (with the password it had)."""
    name = accounts.enable_user(engine=ctx.engine, actor=ctx.actor, username=username)
    emit(ctx, {"user": name, "disabled": False})


@user.command(name="role")
@click.argument("username")
@click.argument("role", type=click.Choice(["admin", "secretariat", "delegate"]))
@click.option("--participant", help="the Participant a delegate acts for")
@pass_context
def user_role(ctx: Context, username: str, role: str, participant: str | None) -> None:
    """Give an account another role; its open sessions end (the last enabled admin stays)."""
    changed = accounts.set_role(
        engine=ctx.engine, actor=ctx.actor, username=username, role=role, participant=participant
    )
    emit(ctx, changed)


@user.command(name="list")
@pass_context
def user_list(ctx: Context) -> None:
    rows = accounts.list_users(engine=ctx.engine, actor=ctx.actor)
    emit(ctx, [{"user": u, "role": r, "participant": p, "disabled": d} for u, r, p, d in rows])
