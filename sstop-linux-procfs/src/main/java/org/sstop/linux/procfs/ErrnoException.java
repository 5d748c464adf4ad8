package org.sstop.linux.procfs;

import java.io.IOException;

/** A failed system call, with its errno. */
final class ErrnoException extends IOException {

    ErrnoException(String call, int errno) {
        super(call + ": errno " + errno);
    }
}
