"""Ctrl+C stops the live course's server between two pieces of work, never in
the middle of one (exercises.live.server.stop_on_signals). Each check runs in
a process of its own, which sends the signal to itself."""

import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUSY_SERVER = """
import os, sys, time
import tornado.ioloop
from exercises.live import server

server.stop_on_signals()
ioloop = tornado.ioloop.IOLoop.current()
seen = []

def work():
    seen.append("started")
    try:
        os.kill(os.getpid(), int(sys.argv[1]))  # Ctrl+C while the server is busy
        time.sleep(0.2)
        seen.append("finished")
    except KeyboardInterrupt:
        seen.append("interrupted in the middle")

ioloop.add_callback(work)
ioloop.call_later(20, lambda: (seen.append("still running after 20 s"), ioloop.stop()))
ioloop.start()  # returns when the loop is stopped
print(" ".join(seen))
"""


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_a_signal_during_a_callback_lets_it_finish_and_stops_the_loop(number):
    run = subprocess.run([sys.executable, "-c", BUSY_SERVER, str(int(number))], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout.strip()) == (0, "started finished"), run.stderr
