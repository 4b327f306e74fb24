"""Outlook fallbacks: ticket reference in the subject, Thread-Index (pure helpers)."""

import base64
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.omnichannel_inbox.helpers.mail_threading import (
    auto_reply_reason,
    make_thread_index,
    strip_reply_prefixes,
    thread_index_depth,
    thread_index_root,
    ticket_refs,
)


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("RE: TR: Hello", "Hello"),
        ("Re[2]: Fwd: AW: WG: Antw: Doorst: Hello", "Hello"),
        ("  RE :  Hello  world ", "Hello world"),
        ("Réponse: Hello", "Réponse: Hello"),
        ("Hello", "Hello"),
        ("", ""),
    ],
)
def test_strip_reply_prefixes(subject, expected):
    assert strip_reply_prefixes(subject) == expected


@pytest.mark.parametrize(
    ("subject", "refs"),
    [
        ("RE: [HT00042] Où est mon canapé ?", ["HT00042"]),
        ("TR: HT00042 - Commande", ["HT00042"]),
        ("Antw: ht00042 and HT00043", ["HT00042", "HT00043"]),
        ("RE: HT00042 HT00042", ["HT00042"]),
        ("Order SHT00042", []),
        ("HT0004", []),
        ("", []),
        (None, []),
    ],
)
def test_ticket_refs(subject, refs):
    assert ticket_refs(subject) == refs


def test_ticket_refs_custom_pattern():
    assert ticket_refs("Re: SUP-1234", r"SUP-\d+") == ["SUP-1234"]
    assert ticket_refs("Re: HT00042", "(") == ["HT00042"], "an invalid pattern falls back"


def test_thread_index_root_and_depth():
    root = bytes(range(22))
    first = make_thread_index(root)
    reply = make_thread_index(root, depth=3)
    assert thread_index_root(first) == thread_index_root(reply) == base64.b64encode(root).decode()
    assert thread_index_depth(first) == 0
    assert thread_index_depth(reply) == 3


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "not base64 !!",
        base64.b64encode(b"short").decode(),
        base64.b64encode(bytes(25)).decode(),
        "A" * 5000,
    ],
)
def test_invalid_thread_index(value):
    assert thread_index_root(value) is None
    assert thread_index_depth(value) is None


def test_make_thread_index_checks_sizes():
    with pytest.raises(ValueError):
        make_thread_index(bytes(21))
    with pytest.raises(ValueError):
        make_thread_index(bytes(22), child=b"123")


@given(root=st.binary(min_size=22, max_size=22), depth=st.integers(0, 40))
def test_every_reply_of_a_conversation_shares_the_root(root, depth):
    value = make_thread_index(root, depth=depth)
    assert thread_index_root(value) == base64.b64encode(root).decode()
    assert thread_index_depth(value) == depth
    # mail transports fold long headers: whitespace inside does not matter
    folded = value[:10] + "\r\n " + value[10:]
    assert thread_index_root(folded) == thread_index_root(value)


@given(st.text(max_size=200))
def test_thread_index_never_raises(text):
    thread_index_root(text)
    ticket_refs(text)
    strip_reply_prefixes(text)


@pytest.mark.parametrize(
    ("headers", "automatic"),
    [
        ({"Auto-Submitted": "auto-replied"}, True),
        ({"Auto-Submitted": "auto-generated; owner-email=x@example.net"}, True),
        ({"Auto-Submitted": "No"}, False),
        ({"Auto-Submitted": "no; comment"}, False),
        ({"X-Auto-Response-Suppress": "All"}, True),
        ({"X-Auto-Response-Suppress": "None"}, False),
        ({"Precedence": "Bulk"}, True),
        ({"Precedence": "junk"}, True),
        ({"Precedence": "list"}, True),
        ({"Precedence": "first-class"}, False),
        ({"Return-Path": "<>"}, True),
        ({"Return-Path": "< >"}, True),
        ({"Return-Path": "<julie@example.net>"}, False),
        ({"X-Autoreply": "yes"}, True),
        ({"X-Autoreply": ""}, True),
        ({"X-Autorespond": "yes"}, True),
        ({"X-Autorespond": "Vacation message"}, True),
        ({"X-Autoreply": "no"}, False),
        ({}, False),
    ],
)
def test_auto_reply_reason(headers, automatic):
    message = EmailMessage()
    for key, value in headers.items():
        message[key] = value
    assert bool(auto_reply_reason(message)) is automatic


HEADER_NAMES = [
    "Auto-Submitted",
    "Precedence",
    "Return-Path",
    "X-Auto-Response-Suppress",
    "X-Autoreply",
    "X-Autorespond",
]


@given(st.dictionaries(st.sampled_from(HEADER_NAMES), st.text(max_size=80)))
def test_auto_reply_reason_never_raises(headers):
    assert isinstance(auto_reply_reason(headers), str)
