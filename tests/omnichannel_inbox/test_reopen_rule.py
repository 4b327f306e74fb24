# Copyright 2026 SM CRM suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rule for a customer's reply to a closed ticket (helpers/reopen.py)."""

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.reopen import (
    NEW_LINKED,
    POLITE_WORDS,
    REOPEN,
    THANKS,
    THANKS_WORDS,
    is_short_thanks,
    own_text,
    reply_to_closed,
)

CLOSED = datetime(2026, 11, 20, 10, 0)


@pytest.mark.parametrize(
    "text",
    [
        "Merci !",
        "merci beaucoup",
        "Merci bien, bonne journée",
        "Bedankt!",
        "Dank u wel, fijne dag",
        "Hartelijk dank voor uw hulp",
        "Thank you very much",
        "Thanks a lot - Tom",
        "Parfait, merci. Julie Lambert",
        "Thx",
        "OK merci\n\nLe lun. 23 nov. 2026 à 10:00, Service client a écrit :\n> Votre commande est prête ?",
        "Bedankt\n-- \nJan Peeters\n0470 12 34 56",
        "Thank you\n> Is there anything else?",
    ],
)
def test_short_thanks_does_not_reopen(text):
    assert is_short_thanks(text)
    assert reply_to_closed(CLOSED, CLOSED + timedelta(days=1), text) == THANKS


@pytest.mark.parametrize(
    "text",
    [
        "Merci, mais je n'ai toujours rien reçu",
        "Thanks, when will it arrive?",
        "Bedankt, maar de kast is beschadigd",
        "Merci ?",
        "Bonjour, le pied de la table est cassé",
        "ok",  # no thanks word: a real answer ("ok" to a question)
        "merci " * 13,  # too long to be only a thanks
        "",
    ],
)
def test_anything_else_is_a_real_reply(text):
    assert not is_short_thanks(text)


def test_within_grace_period_reopens_after_it_new_linked_ticket():
    text = "Le pied de la table est toujours cassé"
    assert reply_to_closed(CLOSED, CLOSED + timedelta(days=7), text) == REOPEN
    assert reply_to_closed(CLOSED, CLOSED + timedelta(days=7, seconds=1), text) == NEW_LINKED
    assert reply_to_closed(CLOSED, CLOSED + timedelta(days=2), text, grace_days=1) == NEW_LINKED
    assert reply_to_closed(CLOSED, CLOSED + timedelta(hours=1), text, grace_days=0) == NEW_LINKED
    # unknown closing date: as if just closed
    assert reply_to_closed(None, CLOSED, text) == REOPEN


def test_own_text_cuts_quotes_and_signature():
    text = "Toujours rien\n\nOn Mon, Nov 23, 2026 at 10:00 AM Shop <a@b.c> wrote:\n> old"
    assert own_text(text) == "Toujours rien"
    assert own_text("Dank\nOp ma 23 nov. 2026 schreef Winkel <a@b.c>:\n> oud") == "Dank"


words = st.sampled_from(sorted(POLITE_WORDS | THANKS_WORDS))


@given(st.lists(words, min_size=0, max_size=8), st.sampled_from(sorted(THANKS_WORDS)))
def test_any_mix_of_thanks_and_politeness_is_a_thanks(polite, thanks):
    assert is_short_thanks(" ".join([thanks, *polite]))


@given(st.text(max_size=200), st.datetimes(), st.integers(min_value=-5, max_value=60))
def test_decision_is_total(text, now, grace):
    assert reply_to_closed(CLOSED, now, text, grace) in (THANKS, REOPEN, NEW_LINKED)


@given(st.text(max_size=200))
def test_a_question_never_is_a_thanks(text):
    assert not is_short_thanks(text + " merci ?")
