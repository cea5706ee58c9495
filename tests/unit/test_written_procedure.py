"""Written procedure: replies may change until the deadline (the last counts); decided at the
deadline: not adopted on an objection standing then, else adopted the day after."""

from __future__ import annotations

from datetime import date

import pytest

from governance.rules.errors import (
    DeadlineBeforeCirculationError,
    DuplicateReplyError,
    ReplyBeforeEarlierReplyError,
    ReplyOutsidePeriodError,
)
from governance.rules.written_procedure import (
    Outcome,
    Procedure,
    Reply,
    ReplyKind,
    Result,
    adoption_date,
    check_reply,
    check_schedule,
    current_reply,
    replies_on,
    result_on,
)

CIRCULATED = date(2003, 6, 1)
DEADLINE = date(2003, 6, 30)
SUPPORT = ReplyKind.SUPPORT
OBJECTION = ReplyKind.OBJECTION


def procedure(*replies: Reply) -> Procedure:
    return Procedure(CIRCULATED, DEADLINE, tuple(replies))


# --- check_schedule -----------------------------------------------------------------------------


def test_a_deadline_after_circulation_is_accepted():
    check_schedule(CIRCULATED, date(2003, 6, 2))


def test_a_deadline_on_the_day_of_circulation_is_rejected():
    with pytest.raises(DeadlineBeforeCirculationError):
        check_schedule(CIRCULATED, CIRCULATED)


def test_a_deadline_before_circulation_is_rejected():
    with pytest.raises(DeadlineBeforeCirculationError) as raised:
        check_schedule(CIRCULATED, date(2003, 5, 31))
    assert raised.value.params == {"deadline": date(2003, 5, 31), "circulated_on": CIRCULATED}


# --- check_reply --------------------------------------------------------------------------------


def test_replies_are_accepted_from_the_day_of_circulation_to_the_deadline_inclusive():
    check_reply(procedure(), Reply("Canada", SUPPORT, CIRCULATED))
    check_reply(procedure(), Reply("Canada", OBJECTION, DEADLINE))


def test_a_reply_before_circulation_is_rejected():
    with pytest.raises(ReplyOutsidePeriodError):
        check_reply(procedure(), Reply("Canada", SUPPORT, date(2003, 5, 31)))


def test_a_reply_after_the_deadline_is_rejected():
    with pytest.raises(ReplyOutsidePeriodError) as raised:
        check_reply(procedure(), Reply("Canada", OBJECTION, date(2003, 7, 1)))
    assert raised.value.params["deadline"] == DEADLINE


def test_a_participant_may_change_its_reply_until_the_deadline():
    first = Reply("Canada", SUPPORT, date(2003, 6, 5))
    check_reply(procedure(first), Reply("Canada", OBJECTION, date(2003, 6, 6)))
    check_reply(procedure(first), Reply("Canada", OBJECTION, DEADLINE))
    with pytest.raises(ReplyOutsidePeriodError):
        check_reply(procedure(first), Reply("Canada", OBJECTION, date(2003, 7, 1)))


def test_the_same_reply_again_is_refused_as_a_duplicate():
    first = Reply("Canada", SUPPORT, date(2003, 6, 5))
    with pytest.raises(DuplicateReplyError) as raised:
        check_reply(procedure(first), Reply("Canada", SUPPORT, date(2003, 6, 6)))
    assert raised.value.params == {
        "participant": "Canada",
        "kind": "support",
        "on": date(2003, 6, 5),
    }


def test_a_change_cannot_be_dated_before_the_reply_it_replaces():
    first = Reply("Canada", SUPPORT, date(2003, 6, 5))
    with pytest.raises(ReplyBeforeEarlierReplyError) as raised:
        check_reply(procedure(first), Reply("Canada", OBJECTION, date(2003, 6, 4)))
    assert raised.value.params["earlier"] == date(2003, 6, 5)


def test_the_last_reply_of_a_participant_is_the_one_that_counts():
    first = Reply("Canada", OBJECTION, date(2003, 6, 5))
    last = Reply("Canada", SUPPORT, date(2003, 6, 9))
    assert current_reply(procedure(first, last), "Canada") == last
    assert current_reply(procedure(first, last), "India") is None


def test_other_participants_may_still_reply():
    first = Reply("Canada", SUPPORT, date(2003, 6, 5))
    check_reply(procedure(first), Reply("Botswana", SUPPORT, date(2003, 6, 6)))


# --- adoption_date and result_on ----------------------------------------------------------------


def test_a_proposal_is_adopted_on_the_day_after_the_deadline():
    assert adoption_date(procedure()) == date(2003, 7, 1)


def test_before_circulation_there_is_nothing_to_decide():
    assert result_on(procedure(), date(2003, 5, 31)) == Result(Outcome.NOT_CIRCULATED, None, 0, 0)


def test_a_circulated_proposal_is_pending_until_the_deadline_inclusive():
    assert result_on(procedure(), CIRCULATED).outcome is Outcome.PENDING
    assert result_on(procedure(), DEADLINE) == Result(Outcome.PENDING, None, 0, 0)


def test_silence_adopts_the_proposal_once_the_deadline_passes():
    assert result_on(procedure(), date(2003, 7, 1)) == Result(
        Outcome.ADOPTED, date(2003, 7, 1), 0, 0
    )
    assert result_on(procedure(), date(2004, 1, 1)).decided_on == date(2003, 7, 1)


def test_support_does_not_adopt_a_proposal_before_the_deadline():
    supported = procedure(Reply("Canada", SUPPORT, date(2003, 6, 2)))
    assert result_on(supported, date(2003, 6, 15)) == Result(Outcome.PENDING, None, 1, 0)
    assert result_on(supported, date(2003, 7, 1)) == Result(Outcome.ADOPTED, date(2003, 7, 1), 1, 0)


def test_an_objection_is_counted_but_decides_nothing_before_the_deadline():
    objected = procedure(Reply("Canada", OBJECTION, date(2003, 6, 10)))
    assert result_on(objected, date(2003, 6, 9)) == Result(Outcome.PENDING, None, 0, 0)
    assert result_on(objected, date(2003, 6, 10)) == Result(Outcome.PENDING, None, 0, 1)
    assert result_on(objected, DEADLINE) == Result(Outcome.PENDING, None, 0, 1)


def test_an_objection_standing_at_the_deadline_prevents_adoption():
    objected = procedure(Reply("Canada", OBJECTION, date(2003, 6, 10)))
    assert result_on(objected, date(2003, 7, 1)) == Result(
        Outcome.NOT_ADOPTED, date(2003, 7, 1), 0, 1
    )


def test_an_objection_received_on_the_deadline_day_prevents_adoption():
    objected = procedure(Reply("Canada", OBJECTION, DEADLINE))
    assert result_on(objected, date(2003, 7, 1)).outcome is Outcome.NOT_ADOPTED
    assert result_on(objected, date(2010, 1, 1)).decided_on == date(2003, 7, 1)


def test_an_objection_changed_to_support_before_the_deadline_no_longer_counts():
    changed = procedure(
        Reply("Canada", OBJECTION, date(2003, 6, 10)),
        Reply("Canada", SUPPORT, date(2003, 6, 20)),
    )
    assert result_on(changed, date(2003, 6, 15)) == Result(Outcome.PENDING, None, 0, 1)
    assert result_on(changed, date(2003, 6, 20)) == Result(Outcome.PENDING, None, 1, 0)
    assert result_on(changed, date(2003, 7, 1)) == Result(Outcome.ADOPTED, date(2003, 7, 1), 1, 0)


def test_a_support_changed_to_an_objection_on_the_deadline_prevents_adoption():
    changed = procedure(
        Reply("Canada", SUPPORT, date(2003, 6, 10)),
        Reply("Canada", OBJECTION, DEADLINE),
    )
    assert result_on(changed, date(2003, 7, 1)) == Result(
        Outcome.NOT_ADOPTED, date(2003, 7, 1), 0, 1
    )


def test_all_objections_standing_at_the_deadline_are_counted():
    objected = procedure(
        Reply("Canada", OBJECTION, date(2003, 6, 20)),
        Reply("Botswana", SUPPORT, date(2003, 6, 2)),
        Reply("India", OBJECTION, date(2003, 6, 12)),
    )
    assert result_on(objected, date(2003, 6, 15)) == Result(Outcome.PENDING, None, 1, 1)
    assert result_on(objected, date(2003, 7, 15)) == Result(
        Outcome.NOT_ADOPTED, date(2003, 7, 1), 1, 2
    )


def test_replies_not_yet_received_are_not_counted():
    later = procedure(Reply("Canada", SUPPORT, date(2003, 6, 20)))
    assert result_on(later, date(2003, 6, 19)).supports == 0
    assert result_on(later, date(2003, 6, 20)).supports == 1


def test_an_objection_received_after_the_deadline_does_not_break_silence():
    late = procedure(
        Reply("Botswana", SUPPORT, date(2003, 6, 2)),
        Reply("Canada", OBJECTION, date(2003, 7, 1)),
    )
    assert result_on(late, date(2003, 7, 2)) == Result(Outcome.ADOPTED, date(2003, 7, 1), 1, 0)


# --- replies_on ---------------------------------------------------------------------------------


def test_replies_on_lists_the_replies_received_by_the_date():
    first = Reply("Canada", SUPPORT, date(2003, 6, 2))
    second = Reply("India", OBJECTION, date(2003, 6, 12))
    proc = procedure(first, second)
    assert replies_on(proc, date(2003, 6, 1)) == []
    assert replies_on(proc, date(2003, 6, 2)) == [first]
    assert replies_on(proc, date(2003, 7, 1)) == [first, second]


def test_replies_on_lists_only_the_last_reply_of_each_participant():
    first = Reply("Canada", OBJECTION, date(2003, 6, 2))
    last = Reply("Canada", SUPPORT, date(2003, 6, 12))
    proc = procedure(first, last)
    assert replies_on(proc, date(2003, 6, 5)) == [first]
    assert replies_on(proc, date(2003, 6, 12)) == [last]
