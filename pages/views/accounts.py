"""Admins: accounts and their roles."""

from __future__ import annotations

import streamlit as st

from governance.rules.permissions import USER_ROLES, Action
from governance.services import accounts, desk
from ui import context
from ui.widgets import attempt, require

ctx = context.current()
t, _ = ctx.t, ctx.t.gettext
require(t, ctx.actor, Action.MANAGE_ACCOUNTS)
ROLE_NAMES = {"delegate": _("Delegate"), "secretariat": _("Secretariat"), "admin": _("Admin")}

st.title(_("Accounts"))
st.dataframe(
    [
        {
            _("User name"): u,
            _("Role"): ROLE_NAMES.get(r, r),
            _("Participant"): p or "—",
            _("Disabled"): _("Yes") if d else _("No"),
        }
        for u, r, p, d in accounts.list_users(engine=ctx.engine, actor=ctx.actor)
    ],
    hide_index=True,
    width="stretch",
)

with st.form("account_form"):
    st.subheader(_("New account"))
    username = st.text_input(_("User name"), key="account_user")
    role = st.selectbox(
        _("Role"),
        [r.value for r in USER_ROLES],
        format_func=ROLE_NAMES.__getitem__,
        key="account_role",
    )
    names = [p.name for p in desk.entities(engine=ctx.engine, on=ctx.as_of, status="participant")]
    participant = st.selectbox(
        _("Participant (delegates)"), ["", *names], key="account_participant"
    )
    email = st.text_input(_("E-mail at the identity provider (optional)"), key="account_email")
    password = st.text_input(_("Password"), type="password", key="account_password")
    if st.form_submit_button(_("Create the account")):
        created = attempt(
            t,
            lambda: accounts.add_user(
                engine=ctx.engine,
                actor=ctx.actor,
                username=username,
                role=role,
                password=password,
                email=email or None,
                participant=participant or None,
            ),
        )
        if created:
            st.success(_("Account {user} created.", user=created.username))

with st.form("disable_form"):
    st.subheader(_("Disable an account"))
    target = st.text_input(_("User name"), key="disable_user")
    if st.form_submit_button(_("Disable")):
        disabled = attempt(
            t, lambda: accounts.disable_user(engine=ctx.engine, actor=ctx.actor, username=target)
        )
        if disabled:
            st.success(_("Account {user} disabled.", user=disabled))

with st.form("enable_form"):
    st.subheader(_("Enable an account"))
    target = st.text_input(_("User name"), key="enable_user")
    if st.form_submit_button(_("Enable")):
        enabled = attempt(
            t, lambda: accounts.enable_user(engine=ctx.engine, actor=ctx.actor, username=target)
        )
        if enabled:
            st.success(_("Account {user} enabled.", user=enabled))

with st.form("role_form"):
    st.subheader(_("Change a role"))
    target = st.text_input(_("User name"), key="role_user")
    new_role = st.selectbox(
        _("Role"),
        [r.value for r in USER_ROLES],
        format_func=ROLE_NAMES.__getitem__,
        key="role_role",
    )
    new_participant = st.selectbox(
        _("Participant (delegates)"), ["", *names], key="role_participant"
    )
    st.caption(_("The account's open sessions end; it signs in again with its new role."))
    if st.form_submit_button(_("Change the role")):
        changed = attempt(
            t,
            lambda: accounts.set_role(
                engine=ctx.engine,
                actor=ctx.actor,
                username=target,
                role=new_role,
                participant=new_participant or None,
            ),
        )
        if changed:
            st.success(
                _("{user} is now {role}.", user=changed.username, role=ROLE_NAMES[changed.role])
            )
