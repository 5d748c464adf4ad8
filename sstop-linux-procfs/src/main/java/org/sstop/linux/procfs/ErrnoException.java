package org.sstop.linux.procfs;

import java.io.IOException;

/** A failed system call, with its errno. */
final class ErrnoException extends IOException {

    private final int errno;

    ErrnoException(String call, int errno) {
        super(call + ": errno " + errno);
        this.errno = errno;
    }

    int errno() {
        return errno;
    }
}
