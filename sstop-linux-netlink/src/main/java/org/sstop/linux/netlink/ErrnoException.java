package org.sstop.linux.netlink;

import java.io.IOException;

/** A failed system call or a kernel error reply, with its errno. */
final class ErrnoException extends IOException {

    private final int errno;

    ErrnoException(String what, int errno) {
        super(what + ": " + Libc.errnoName(errno));
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
