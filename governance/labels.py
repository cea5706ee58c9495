"""Human labels for the codes the rules use (statuses, procedures, kinds …), as catalog entries.

Codes stay English identifiers in data, the CLI's JSON and URLs; the interface shows these labels
translated for the user's language.
"""

from __future__ import annotations

from governance.rules.errors import N_

DECISION_STATUS = {
    "pending": N_("Pending (written procedure open)"),
    "not_adopted": N_("Not adopted (silence broken)"),
    "adopted_ad_referendum": N_("Adopted ad referendum, awaiting confirmation"),
    "awaiting_formal_adoption": N_("Adopted, awaiting formal adoption"),
    "formally_adopted": N_("Formally adopted"),
    "not_yet": N_("Not yet adopted"),
}

PROCEDURE = {
    "plenary": N_("Adopted in Plenary"),
    "ad_referendum": N_("Ad referendum"),
    "written_procedure": N_("Written procedure"),
}

DECISION_KIND = {
    "administrative_decision": N_("Administrative decision"),
    "rules_of_procedure": N_("Rules of Procedure"),
    "rules_amendment": N_("Amendment of the Rules of Procedure"),
    "terms_of_reference": N_("Terms of reference"),
    "recommendation": N_("Recommendation"),
    "questionnaire": N_("Questionnaire"),
    "review_mission": N_("Review mission"),
    "participation": N_("Participation"),
    "office_selection": N_("Selection of an office holder"),
    "meeting": N_("Meeting"),
    "mandate": N_("Mandate"),
    "understanding": N_("Understanding"),
    "other": N_("Other"),
}

VERSION_STATE = {
    "missing": N_("Missing"),
    "machine_draft": N_("Machine draft"),
    "in_translation": N_("In translation"),
    "final": N_("Final"),
    "available": N_("Final and made available"),
}

STATUS = {
    "applicant": N_("Applicant"),
    "participant": N_("Participant"),
    "trading_entity": N_("Trading entity"),
    "observer": N_("Observer"),
    "suspended": N_("Suspended"),
    "withdrawn": N_("Withdrawn"),
    "none": N_("none"),
}

STAGE = {
    "intent_declared": N_("Intent declared"),
    "documentation_submitted": N_("Documentation submitted"),
    "under_review": N_("Under review by the Participation Committee"),
    "recommended": N_("Recommended for admission"),
}

ENTITY_KIND = {
    "state": N_("State"),
    "reio": N_("Regional Economic Integration Organisation"),
    "trading_entity": N_("Trading entity"),
    "industry": N_("Industry"),
    "civil_society": N_("Civil society"),
}

OFFICE = {"chair": N_("Chair"), "vice_chair": N_("Vice Chair")}

OBLIGATION_STATE = {
    "open": N_("Open"),
    "met": N_("Met"),
    "overdue": N_("Overdue"),
    "closed": N_("Closed"),
}

OUTCOME = {
    "not_circulated": N_("Not yet circulated"),
    "pending": N_("Pending"),
    "adopted": N_("Adopted"),
    "not_adopted": N_("Not adopted (silence broken)"),
}

REPLY = {"support": N_("Support"), "objection": N_("Objection")}

MEETING_KIND = {
    "plenary": N_("Plenary"),
    "intersessional": N_("Intersessional meeting"),
    "working_group": N_("Working group meeting"),
    "committee": N_("Committee meeting"),
    "other": N_("Other meeting"),
}

WHAT = {
    "decision": N_("decision"),
    "meeting": N_("meeting"),
    "communiqué": N_("communiqué"),
    "working group": N_("working group"),
    "participant or organisation": N_("participant or organisation"),
    "decision or communiqué": N_("decision or communiqué"),
    "language": N_("language"),
    "status": N_("status"),
    "stage": N_("stage"),
    "kind": N_("kind"),
    "office": N_("office"),
    "procedure": N_("procedure"),
    "reply": N_("reply"),
    "state": N_("state"),
    "decision kind": N_("decision kind"),
    "meeting kind": N_("meeting kind"),
    "obligation kind": N_("obligation kind"),
    "deadline state": N_("deadline state"),
    "user": N_("user"),
    "e-mail": N_("e-mail"),
    "role": N_("role"),
}

MACHINE_TRANSLATION_REASON = {
    "unreachable": N_("the translation service cannot be reached"),
    "timeout": N_("the translation service did not answer in time"),
    "rate_limited": N_("the translation service refused more requests for now"),
    "server_error": N_("the translation service had an internal error"),
    "unauthorized": N_("the translation service refused the key"),
    "rejected": N_("the translation service refused the request"),
    "empty_answer": N_("the translation service returned nothing"),
    "bad_answer": N_("the translation service returned an unreadable answer"),
    "too_long": N_("the text has a passage too long for the translation service"),
    "unsupported_language": N_("the language is not offered"),
    "misconfigured": N_("machine translation is not configured"),
}

# Codes that may appear as parameters of an error message, translated when the error is shown.
ERROR_PARAMETERS: dict[str, str] = {
    **WHAT,
    **STATUS,
    **VERSION_STATE,
    **OFFICE,
    **ENTITY_KIND,
    **DECISION_STATUS,
    **REPLY,
}

# --- communiques: the fields named by the errors of meetings, communiqués and decisions ---
MEETING_FIELD = {
    "host": N_("Host"),
    "chair": N_("Chair"),
    "issued_on": N_("Issued on"),
    "available_on": N_("Available on"),
}
ERROR_PARAMETERS.update(MEETING_FIELD)

INSTRUMENT_BODY = {
    "unga": N_("United Nations General Assembly"),
    "unsc": N_("United Nations Security Council"),
    "ecosoc": N_("United Nations Economic and Social Council"),
    "wto_gc": N_("WTO General Council"),
    "wto_mc": N_("WTO Ministerial Conference"),
    "other": N_("Other body"),
}

INSTRUMENT_KIND = {
    "resolution": N_("Resolution"),
    "decision": N_("Decision"),
    "waiver": N_("Waiver"),
    "other": N_("Other"),
}

CITATION_TARGET = {
    "decision": N_("Decision"),
    "participant": N_("Participant"),
    "status_event": N_("Change of status"),
}

RECORD_KIND = {
    "decision": N_("Decision"),
    "participant": N_("Participant or organisation"),
    "meeting": N_("Meeting"),
    "communique": N_("Communiqué"),
    "instrument": N_("External instrument"),
    "account": N_("Account"),
}

AUDIT_TABLE = {
    "decision": N_("Decision"),
    "entity": N_("Participant or organisation"),
    "meeting": N_("Meeting"),
    "communique": N_("Communiqué"),
    "instrument": N_("External instrument"),
    "instrumentlink": N_("Citation of an instrument"),
    "account": N_("Account"),
    "textversion": N_("Language version"),
    "versionstep": N_("Step of a language version"),
    "openpoint": N_("Open point"),
    "obligation": N_("Deadline"),
    "writtenprocedure": N_("Written procedure"),
    "procedurereply": N_("Reply"),
    "statusevent": N_("Change of status"),
    "entityrename": N_("Change of name"),
    "officeterm": N_("Office term"),
    "reportedfigure": N_("Reported figure"),
    "rendering": N_("Field in another language"),
}

AUDIT_OPERATION = {
    "insert": N_("Recorded"),
    "update": N_("Changed"),
    "delete": N_("Removed"),
}

AUDIT_ACTION = {
    "record_meeting": N_("Record a meeting"),
    "record_decision": N_("Record a decision"),
    "edit_decision": N_("Correct a decision"),
    "resolve_open_point": N_("Resolve an open point"),
    "confirm_decision": N_("Confirm a decision"),
    "circulate_procedure": N_("Circulate a written procedure"),
    "reply_to_procedure": N_("Reply to a written procedure"),
    "advance_version": N_("Advance a language version"),
    "request_machine_draft": N_("Request a machine draft"),
    "select_vice_chair": N_("Select a Vice Chair"),
    "record_term": N_("Record an office term"),
    "register_entity": N_("Register a Participant or organisation"),
    "change_status": N_("Change a status"),
    "manage_accounts": N_("Manage accounts"),
    "bootstrap_admin": N_("Create the first admin"),
    "change_own_password": N_("Change one's password"),
    "load_record": N_("Load the embedded record"),
    "restore_backup": N_("Restore a backup"),
    "record_instrument": N_("Record an external instrument"),
    "import_open_data": N_("Import open data"),
    "rename_entity": N_("Rename a Participant"),
    "record_procedure_tally": N_("Record replies or a tally as reported"),
    "record_communique": N_("Record a communiqué"),
    "link_to_communique": N_("Link a decision to a communiqué"),
    "draft_report": N_("Draft the annual report to the UN General Assembly"),
}

AUDIT_FIELD = {
    "record": N_("Record"),
    "record_id": N_("Record number"),
    "field": N_("Field"),
    "failed_attempts": N_("Failed sign-ins"),
    "locked_until": N_("Locked until"),
    "adopted_on": N_("Adopted on"),
    "blocked_reason": N_("Blocked because"),
    "body": N_("Body"),
    "chair": N_("Chair"),
    "circulated_on": N_("Circulated on"),
    "code": N_("Code"),
    "communique_id": N_("Communiqué"),
    "composition": N_("Composition"),
    "confirmed_by_id": N_("Confirmed by"),
    "confirmed_on": N_("Confirmed on"),
    "credential_version": N_("Credential version"),
    "deadline": N_("Deadline"),
    "decision_id": N_("Decision"),
    "departure": N_("Departs from the rule"),
    "description": N_("Description"),
    "disabled": N_("Disabled"),
    "due_on": N_("Due on"),
    "effective_on": N_("Effective on"),
    "email": N_("E-mail"),
    "ends_on": N_("Ends on"),
    "entity_id": N_("Participant or organisation"),
    "established_on": N_("Established on"),
    "finding": N_("Finding"),
    "former_name": N_("Former name"),
    "host": N_("Host"),
    "instrument_id": N_("External instrument"),
    "issued_on": N_("Issued on"),
    "key": N_("Key"),
    "kind": N_("Kind"),
    "label": N_("Label"),
    "language": N_("Language"),
    "meeting_id": N_("Meeting"),
    "met_on": N_("Met on"),
    "met_source": N_("Source of the date met"),
    "name": N_("Name"),
    "note": N_("Note"),
    "office": N_("Office"),
    "paragraph": N_("Paragraph"),
    "participant_id": N_("Participant"),
    "password_hash": N_("Password"),
    "place": N_("Place"),
    "procedure": N_("Procedure"),
    "procedure_id": N_("Written procedure"),
    "received_on": N_("Received on"),
    "reference": N_("Reference"),
    "renamed_on": N_("Renamed on"),
    "report_meeting_id": N_("Report considered at"),
    "reported_objections": N_("Reported objections"),
    "reported_supports": N_("Reported supports"),
    "resolved_by_id": N_("Resolved by"),
    "resolved_on": N_("Resolved on"),
    "responsible": N_("Responsible"),
    "role": N_("Role"),
    "source": N_("Source"),
    "stage": N_("Stage"),
    "starts_on": N_("Starts on"),
    "state": N_("State"),
    "status": N_("Status"),
    "status_event_id": N_("Change of status"),
    "taken_on": N_("Taken on"),
    "target_id": N_("Target"),
    "text": N_("Text"),
    "title": N_("Title"),
    "url": N_("Address (URL)"),
    "username": N_("User name"),
    "value": N_("Number"),
    "version": N_("Version"),
    "version_id": N_("Language version"),
    "working_group_id": N_("Working group"),
}

AUDIT_VALUE: dict[tuple[str, str], dict[str, str]] = {
    ("decision", "kind"): DECISION_KIND,
    ("decision", "procedure"): PROCEDURE,
    ("entity", "kind"): ENTITY_KIND,
    ("meeting", "kind"): MEETING_KIND,
    ("instrument", "kind"): INSTRUMENT_KIND,
    ("instrument", "body"): INSTRUMENT_BODY,
    ("statusevent", "status"): STATUS,
    ("statusevent", "stage"): STAGE,
    ("versionstep", "state"): VERSION_STATE,
    ("officeterm", "office"): OFFICE,
    ("procedurereply", "kind"): REPLY,
}
"""(table, field) → the labels of the codes that field holds, for a record's history."""

# Error parameters of the instruments and the record history (appended, translated when shown).
ERROR_PARAMETERS.update(
    {
        "instrument": N_("instrument"),
        "body": N_("body"),
        "kind of instrument": N_("kind of instrument"),
        "kind of record": N_("kind of record"),
        "a reference": N_("A reference"),
        "a title": N_("A title"),
    }
)
