#!/usr/bin/env python3
"""Time from typing ./sstop in tmux to the first full frame (the header's backend line on screen).

Usage: sstop-bench/scripts/first-frame.py RUNS DIR [DIR...]   e.g. first-frame.py 9 .
(SSTOP_ARGS, if set, is appended to ./sstop, e.g. SSTOP_ARGS='--backend counters=none'.)
Each DIR is a checkout with a built sstop (run ./sstop --once --json once first, so that the
class-data archive of each mode exists). The pane's output is piped to a FIFO read by a blocking
reader, so the measurement takes no CPU from sstop (polling capture-pane would, on 2 cores).
Prints the median and every run, in milliseconds.
"""
import os, statistics, subprocess, sys, tempfile, threading, time


def tmux(*args):
    subprocess.run(['tmux'] + list(args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def once(checkout):
    fifo = os.path.join(tempfile.mkdtemp(), 'pane')
    os.mkfifo(fifo)
    tmux('kill-session', '-t', 'sstop-ff')
    tmux('new-session', '-d', '-s', 'sstop-ff', '-x', '160', '-y', '48', 'bash --norc --noprofile')
    time.sleep(0.3)
    tmux('send-keys', '-t', 'sstop-ff', 'cd ' + os.path.abspath(checkout) + ' && clear', 'Enter')
    time.sleep(0.3)
    tmux('pipe-pane', '-t', 'sstop-ff', '-o', 'cat > ' + fifo)
    pane = open(fifo, 'rb', buffering=0)
    seen = {}

    def read():
        out = b''
        while True:
            data = pane.read(65536)
            if not data:
                return
            out += data
            at = out.find(b'sockets')
            if at >= 0 and b'linux-' in out[at:] and 'at' not in seen:
                seen['at'] = time.monotonic()

    threading.Thread(target=read, daemon=True).start()
    time.sleep(0.2)
    start = time.monotonic()
    tmux('send-keys', '-t', 'sstop-ff', ('./sstop ' + os.environ.get('SSTOP_ARGS', '')).strip(), 'Enter')
    while 'at' not in seen and time.monotonic() - start < 10:
        time.sleep(0.05)
    tmux('send-keys', '-t', 'sstop-ff', 'q')
    time.sleep(0.5)
    tmux('kill-session', '-t', 'sstop-ff')
    pane.close()
    return (seen['at'] - start) * 1000 if 'at' in seen else None


def main():
    runs, checkouts = int(sys.argv[1]), sys.argv[2:]
    times = {c: [] for c in checkouts}
    for _ in range(runs):
        for c in checkouts:  # interleaved, so that a busy moment hits every checkout alike
            times[c].append(once(c))
    for c in checkouts:
        ok = sorted(t for t in times[c] if t is not None)
        print('%s: median %.0f ms (%s)%s' % (c, statistics.median(ok), ' '.join('%.0f' % t for t in ok),
              '' if len(ok) == runs else ', %d runs without a frame' % (runs - len(ok))))


if __name__ == '__main__':
    main()
