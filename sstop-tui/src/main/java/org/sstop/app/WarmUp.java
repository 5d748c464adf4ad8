package org.sstop.app;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.sstop.api.TrafficCounterProvider;

/**
 * Start-up work that need not wait for the command line, done on a thread of its own
 * ({@code sstop-warm-up}) while the main thread parses it: the first frame comes that much sooner.
 * Everything here is cached for the JVM's life by the code it warms, and is done again (then at
 * once) where it is needed; a failure here only means that it is not warmed.
 */
final class WarmUp {

    private WarmUp() {
    }

    /** Starts the warm-up thread (a daemon: it never holds up an exit). */
    static void start() {
        Thread t = new Thread(WarmUp::run, "sstop-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        Posix.warmUp(); // JNA and libc, about 50 ms
        // A kernel traffic counter's probe may read the kernel's type information: the eBPF tier
        // parses /sys/kernel/btf/vmlinux, about 90 ms on a cold JVM, once.
        try {
            for (TrafficCounterProvider p : ServiceLoader.load(TrafficCounterProvider.class, WarmUp.class.getClassLoader())) {
                p.availability();
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            // the monitor's own probe reports it
        }
    }
}
