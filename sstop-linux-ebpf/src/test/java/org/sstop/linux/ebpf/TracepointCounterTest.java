package org.sstop.linux.ebpf;

/** The counter's contract on the sock_send_length/sock_recv_length tracepoints. */
class TracepointCounterTest extends CounterContract {

    @Override
    CounterSetup.Attach attach() {
        return CounterSetup.Attach.TRACEPOINTS;
    }
}
