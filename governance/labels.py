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
