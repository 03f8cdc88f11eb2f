"""The order state machine, pure: every (state, action) pair over every kind of order."""

from __future__ import annotations

import itertools

import pytest

from orders.lifecycle import ACTORS, Action, Facts, Status, possible_actions, rule_for

P, PAID, PR, SH, DONE, CX, EX = (Status.PENDING, Status.PAID, Status.PROCESSING, Status.SHIPPED,
                                 Status.COMPLETED, Status.CANCELLED, Status.EXPIRED)
AQ, Q = Status.AWAITING_QUOTE, Status.QUOTED

# Written out by hand from the issue, independently of RULES: (method, fulfilment, paid, proof) filters
# are spelled as the kinds of order for which the move is legal. Everything not listed is illegal.
PREPAID = ("bank_transfer", "qris")
ANY = ("bank_transfer", "qris", "cod")


def legal(facts: Facts) -> dict[Action, Status]:
    s, m, f, paid, proof = facts.status, facts.payment_method, facts.fulfilment, facts.paid, facts.proof_pending
    out: dict[Action, Status] = {}
    if s == P:
        out[Action.CONFIRM] = PAID
        out[Action.CANCEL_BY_SELLER] = CX
        if proof:
            out[Action.REJECT_PROOF] = P
        else:
            out[Action.CANCEL_BY_CUSTOMER] = CX
        if m in PREPAID and not proof:
            out[Action.EXPIRE] = EX
        if m == "cod":
            out[Action.PROCESS] = PR
            out[Action.SHIP] = SH
            if f == "pickup":
                out[Action.COMPLETE] = DONE
    if s == PAID:
        out.update({Action.PROCESS: PR, Action.SHIP: SH, Action.CANCEL_BY_SELLER: CX})
        if f == "pickup":
            out[Action.COMPLETE] = DONE
    if s == PR:
        out.update({Action.SHIP: SH, Action.CANCEL_BY_SELLER: CX})
        if f == "pickup":
            out[Action.COMPLETE] = DONE
        if m == "cod" and not paid:
            out[Action.CONFIRM] = PR
    if s == SH:
        out[Action.COMPLETE] = DONE
        if m == "cod" and not paid:
            out[Action.CONFIRM] = SH
    if s in (AQ, Q):  # a delivery fee the seller quotes: quoted (again), accepted, cancelled, expired
        out.update({Action.QUOTE: Q, Action.CANCEL_BY_CUSTOMER: CX, Action.CANCEL_BY_SELLER: CX, Action.EXPIRE: EX})
        if s == Q:
            out[Action.ACCEPT_QUOTE] = P
    return out


ALL_FACTS = [Facts(s, m, f, paid, proof) for s, m, f, paid, proof in
             itertools.product(Status, ANY, ("delivery", "pickup"), (False, True), (False, True))]


@pytest.mark.parametrize("facts", ALL_FACTS, ids=lambda f: f"{f.status}-{f.payment_method}-{f.fulfilment}-paid{int(f.paid)}-proof{int(f.proof_pending)}")
def test_every_action_from_every_state_is_legal_exactly_when_the_table_says(facts):
    expected = legal(facts)
    for action in Action:
        rule = rule_for(facts, action)
        if action in expected:
            assert rule is not None and rule.target == expected[action], action
        else:
            assert rule is None, f"{action} should be refused from {facts}"


def test_final_states_allow_nothing():
    for facts in ALL_FACTS:
        if facts.status in (DONE, CX, EX):
            assert possible_actions(facts) == []


def test_the_happy_path_walks_pending_paid_processing_shipped_completed():
    facts = Facts(P, "bank_transfer", "delivery")
    for action, target in ((Action.CONFIRM, PAID), (Action.PROCESS, PR), (Action.SHIP, SH), (Action.COMPLETE, DONE)):
        rule = rule_for(facts, action)
        assert rule is not None and rule.target == target
        facts = Facts(target, facts.payment_method, facts.fulfilment, paid=True)


def test_customers_may_only_cancel_or_accept_a_quote_sellers_never_expire_and_the_system_expires_or_quotes():
    assert [a for a, who in ACTORS.items() if "customer" in who] == [Action.CANCEL_BY_CUSTOMER, Action.ACCEPT_QUOTE]
    assert [a for a, who in ACTORS.items() if "system" in who] == [Action.EXPIRE, Action.QUOTE]  # QUOTE: a rates service
    assert Action.EXPIRE not in possible_actions(Facts(P, "qris", "delivery"), "seller")
    assert possible_actions(Facts(P, "qris", "delivery"), "customer") == [Action.CANCEL_BY_CUSTOMER]
    assert possible_actions(Facts(PAID, "qris", "delivery"), "customer") == []


def test_a_quoted_order_waits_for_the_customer_and_only_then_for_payment():
    assert possible_actions(Facts(AQ, "bank_transfer", "delivery"), "customer") == [Action.CANCEL_BY_CUSTOMER]
    assert possible_actions(Facts(Q, "bank_transfer", "delivery"), "customer") == [Action.CANCEL_BY_CUSTOMER,
                                                                                  Action.ACCEPT_QUOTE]
    assert rule_for(Facts(AQ, "bank_transfer", "delivery"), Action.ACCEPT_QUOTE) is None  # nothing to accept yet
    assert rule_for(Facts(Q, "bank_transfer", "delivery"), Action.CONFIRM) is None  # nothing to pay yet


def test_a_proof_under_review_holds_the_order_against_expiry_and_customer_cancel():
    facts = Facts(P, "bank_transfer", "delivery", proof_pending=True)
    assert rule_for(facts, Action.EXPIRE) is None
    assert rule_for(facts, Action.CANCEL_BY_CUSTOMER) is None
    assert rule_for(facts, Action.REJECT_PROOF) is not None
