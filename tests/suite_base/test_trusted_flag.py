"""suite_base's trusted flag: raised only inside its block, restored on errors, per thread."""

import threading

import pytest

from odoo.addons.suite_base.tools.trusted_flag import TrustedFlag


def test_raised_only_inside_the_block_and_restored_after_an_error():
    flag = TrustedFlag("test_flag")
    assert not flag.is_raised()
    with flag.raised():
        assert flag.is_raised()
        with flag.raised():  # nested: still raised after the inner block
            pass
        assert flag.is_raised()
    assert not flag.is_raised()
    with pytest.raises(RuntimeError), flag.raised():
        raise RuntimeError("boom")
    assert not flag.is_raised()


def test_another_thread_does_not_see_the_flag():
    flag = TrustedFlag("test_flag_thread")
    seen = []
    with flag.raised():
        thread = threading.Thread(target=lambda: seen.append(flag.is_raised()))
        thread.start()
        thread.join()
    assert seen == [False]


def test_two_flags_are_independent():
    first, second = TrustedFlag("first"), TrustedFlag("second")
    with first.raised():
        assert not second.is_raised()
