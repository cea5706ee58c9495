"""The honest Overview: reported participation, the register-vs-report note, the record's end."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in (at.info, at.caption, at.markdown) for e in kind]


def test_before_certification_the_overview_shows_johannesburg_as_reported(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2003-06-01", lang="en")
    assert {m.label: m.value for m in at.metric}["Participants"] == "0"
    reported = [i.value for i in at.info if "As reported by" in i.value]
    assert len(reported) == 1
    assert "Johannesburg" in reported[0] and "30 April 2003" in reported[0]
    assert "51 States and 1 regional economic integration organisation taking" in reported[0]
    assert "Source: Annex 1 ¶1" in reported[0]
    assert not [c for c in texts(at) if "the register counts" in c]


def test_after_sun_city_the_register_and_the_report_disagree_and_the_page_says_so(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2004-06-01", lang="en")
    assert {m.label: m.value for m in at.metric}["Participants"] == "45"
    assert not [i for i in at.info if "As reported by" in i.value]
    notes = [c for c in texts(at) if "the register counts" in c]
    assert len(notes) == 1
    assert "44 States" in notes[0] and "Sun City" in notes[0]
    assert "reported 45 States participating" in notes[0] and "Annex 2 ¶2" in notes[0]


def test_far_past_the_record_an_office_is_not_recorded_rather_than_vacant(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2026-06-01", lang="en")
    captions = [c.value for c in at.caption]
    assert not [c for c in captions if "Nobody holds" in c]
    assert [c for c in captions if c.startswith("Not recorded after 31 December 2005")]
    assert [c for c in captions if c.startswith("Not recorded after 31 December 2004")]


def test_a_past_deadline_without_fulfilment_reads_no_fulfilment_recorded(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2026-06-01", lang="en")
    deadlines = next(df.value for df in at.dataframe if "Responsible" in df.value.columns)
    within = deadlines[deadlines["Due"].str.endswith("2003")]
    assert "Chair issues a revised list of Participants" in within["What"].tolist()
    assert set(within["Deadline state"]) == {"No fulfilment recorded"}
    # due after the record's end (1 January 2004): the rule's state, as before
    after = deadlines[deadlines["Due"] == "31 Jul 2006"]
    assert after["Deadline state"].tolist() == ["Overdue"]


def test_in_russian_the_reported_figures_are_translated_around_the_numbers(
    open_page: Callable[..., AppTest],
) -> None:
    at = open_page(as_of="2003-06-01", lang="ru")
    assert [i.value for i in at.info if "51" in i.value and "Annex 1 ¶1" in i.value]
