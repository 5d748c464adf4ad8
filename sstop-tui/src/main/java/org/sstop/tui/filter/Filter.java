package org.sstop.tui.filter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sstop.api.ContainerInfo;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.core.SocketStats;

/**
 * A parsed filter expression ({@link FilterParser}): a predicate over a snapshot's processes.
 * Immutable records; text in them is already lower-cased for case-insensitive matching.
 */
public sealed interface Filter {

    /** Whether a process passes. */
    boolean test(ProcessStats p);

    /** Every part passes. */
    record And(List<Filter> parts) implements Filter {
        /** Copies the list. */
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(ProcessStats p) {
            for (Filter f : parts) {
                if (!f.test(p)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some part passes. */
    record Or(List<Filter> parts) implements Filter {
        /** Copies the list. */
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean test(ProcessStats p) {
            for (Filter f : parts) {
                if (f.test(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The part does not pass. */
    record Not(Filter part) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            return !part.test(p);
        }
    }

    /** A plain word, as the search has always matched it: pid, name, command line or container. */
    record Word(String lower) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            return Integer.toString(p.pid()).contains(lower) || contains(p.name(), lower) || contains(p.cmdline(), lower)
                    || inContainer(p.container(), lower, false);
        }
    }

    /**
     * {@code name:}, {@code user:}, {@code container:}: a substring of that field; {@code name=},
     * {@code user=}, {@code container=}: the whole field (any case).
     *
     * @param field the field
     * @param lower the value, lower case
     * @param whole whether it must be the whole field rather than a part
     */
    record Text(Field field, String lower, boolean whole) implements Filter {
        /** The text fields. */
        public enum Field {
            /** The process name. */ NAME,
            /** The user name. */ USER,
            /** The container's name, id, pod or unit. */ CONTAINER
        }

        @Override
        public boolean test(ProcessStats p) {
            return switch (field) {
                case NAME -> matches(p.name(), lower, whole);
                case USER -> matches(p.user(), lower, whole);
                case CONTAINER -> inContainer(p.container(), lower, whole);
            };
        }
    }

    /** {@code pid:N}. */
    record Pid(int pid) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            return p.pid() == pid;
        }
    }

    /** {@code port:N}: a socket with that local or remote port. */
    record Port(int port) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            for (SocketStats s : p.sockets()) {
                if (s.local().port() == port || s.remote().port() == port) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code svc:https}: a socket with a local or remote port of that service, for its protocol.
     *
     * @param name the service name, lower case
     * @param tcp its TCP ports
     * @param udp its UDP ports
     */
    record Svc(String name, Set<Integer> tcp, Set<Integer> udp) implements Filter {
        /** Copies the sets. */
        public Svc {
            tcp = Set.copyOf(tcp);
            udp = Set.copyOf(udp);
        }

        @Override
        public boolean test(ProcessStats p) {
            for (SocketStats s : p.sockets()) {
                Set<Integer> ports = s.protocol() == Protocol.UDP ? udp : tcp;
                if (ports.contains(s.local().port()) || (s.remote().port() != 0 && ports.contains(s.remote().port()))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code proto:tcp}: a socket of that protocol. */
    record Proto(Protocol protocol) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            for (SocketStats s : p.sockets()) {
                if (s.protocol() == protocol) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * {@code host:10.0.0.0/8}: a socket whose remote address is in the block.
     *
     * @param network the block's address with its host bits cleared
     * @param bits the prefix length over the 128-bit form (an IPv4 block's is 96 + its own)
     */
    record Host(IpAddress network, int bits) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            for (SocketStats s : p.sockets()) {
                if (in(s.remote().address())) {
                    return true;
                }
            }
            return false;
        }

        /** Whether an address is in the block. */
        public boolean in(IpAddress a) {
            return (a.high() & mask(bits)) == network.high() && (a.low() & mask(bits - 64)) == network.low();
        }

        /** The top {@code n} bits of a 64-bit half set (n clamped to 0..64). */
        static long mask(int n) {
            return n <= 0 ? 0 : n >= 64 ? -1L : -1L << (64 - n);
        }
    }

    /** {@code state:listen}: a socket in that state. */
    record SocketIn(SocketState state) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            for (SocketStats s : p.sockets()) {
                if (s.state() == state) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code state:running} or {@code state:exited}: the process's own state. */
    record ProcessIn(ProcessState state) implements Filter {
        @Override
        public boolean test(ProcessStats p) {
            return p.state() == state;
        }
    }

    /** {@code up>1M}, {@code down>=500k}, {@code conns>10}: a number compared. */
    record Compare(Metric metric, Op op, double value) implements Filter {
        /** What is compared. */
        public enum Metric {
            /** Upload rate, bytes per second. */ UP,
            /** Download rate, bytes per second. */ DOWN,
            /** Open connections. */ CONNS
        }

        /** How. */
        public enum Op {
            /** {@code >} */ GT,
            /** {@code >=} */ GE,
            /** {@code <} */ LT,
            /** {@code <=} */ LE,
            /** {@code =} */ EQ,
            /** {@code !=} */ NE
        }

        @Override
        public boolean test(ProcessStats p) {
            double v = switch (metric) {
                case UP -> p.traffic().upRate();
                case DOWN -> p.traffic().downRate();
                case CONNS -> p.connections();
            };
            return switch (op) {
                case GT -> v > value;
                case GE -> v >= value;
                case LT -> v < value;
                case LE -> v <= value;
                case EQ -> v == value;
                case NE -> v != value;
            };
        }
    }

    private static boolean contains(String text, String lower) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lower);
    }

    private static boolean matches(String text, String lower, boolean whole) {
        return whole ? text != null && text.equalsIgnoreCase(lower) : contains(text, lower);
    }

    /** The search's container match: its name, id, pod or unit. */
    private static boolean inContainer(ContainerInfo c, String lower, boolean whole) {
        return c != null && (matches(c.name(), lower, whole) || matches(c.id(), lower, whole)
                || matches(c.pod(), lower, whole) || matches(c.unit(), lower, whole));
    }
}
