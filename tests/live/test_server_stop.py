"""Ctrl+C stops the live course's server between two pieces of work, never in
the middle of one (exercises.live.server.stop_on_signals)."""

import asyncio
import os
import signal
import time

import pytest
import tornado.ioloop

from exercises.live import server


@pytest.fixture
def fresh_loop():
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.remove_signal_handler(number)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    asyncio.set_event_loop(None)
    loop.close()


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_a_callback_lets_it_finish_and_stops_the_loop(fresh_loop, number):
    server.stop_on_signals()
    ioloop = tornado.ioloop.IOLoop.current()
    seen = []

    def work():
        seen.append("started")
        try:
            os.kill(os.getpid(), number)  # Ctrl+C while the server is busy
            time.sleep(0.2)
            seen.append("finished")
        except KeyboardInterrupt:
            seen.append("interrupted in the middle")

    ioloop.add_callback(work)
    ioloop.call_later(20, lambda: seen.append("still running after 20 s") or ioloop.stop())
    ioloop.start()  # returns when the loop is stopped
    assert seen == ["started", "finished"]
