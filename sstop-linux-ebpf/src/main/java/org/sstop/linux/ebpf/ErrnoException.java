package org.sstop.linux.ebpf;

import java.io.IOException;

/** A failed system call, with its errno. */
class ErrnoException extends IOException {

    private final int errno;

    ErrnoException(String what, int errno) {
        super(what + ": " + Libc.errnoName(errno));
        this.errno = errno;
    }

    ErrnoException(String what, int errno, String detail) {
        super(what + ": " + Libc.errnoName(errno) + detail);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
