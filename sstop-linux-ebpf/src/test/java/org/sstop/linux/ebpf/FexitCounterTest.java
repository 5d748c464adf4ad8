package org.sstop.linux.ebpf;

/** The counter's contract on fexit of the inet sendmsg/recvmsg functions (the path of Linux 5.8 to 6.2). */
class FexitCounterTest extends CounterContract {

    @Override
    CounterSetup.Attach attach() {
        return CounterSetup.Attach.FEXIT;
    }
}
