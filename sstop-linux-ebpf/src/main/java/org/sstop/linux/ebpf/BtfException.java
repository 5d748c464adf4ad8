package org.sstop.linux.ebpf;

import java.io.IOException;

/** BTF data that cannot be used: malformed, truncated, or without a type or member this module needs. */
final class BtfException extends IOException {

    BtfException(String message) {
        super(message);
    }
}
