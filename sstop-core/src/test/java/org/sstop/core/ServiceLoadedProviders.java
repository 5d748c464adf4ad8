package org.sstop.core;

import java.util.List;
import org.sstop.api.Availability;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketSample;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.SocketState;

/** Providers registered in the test class path's {@code META-INF/services}, for discovery tests. */
public final class ServiceLoadedProviders {

    private ServiceLoadedProviders() {
    }

    /** Always available; one listening socket with a pid of its own. */
    public static final class Available implements SocketSourceProvider {
        @Override
        public String name() {
            return "test-available";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public Availability availability() {
            return Availability.yes();
        }

        @Override
        public SocketSource open() {
            return new SocketSource() {
                @Override
                public SocketSample sample() {
                    return SocketSample.of(List.of(new SocketInfo(1, Protocol.TCP, Fakes.ep("0.0.0.0", 8080),
                            Fakes.ep("0.0.0.0", 0), SocketState.LISTEN, 1, 0, 4321, 0, 0)));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Higher tier, never available here. */
    public static final class Missing implements SocketSourceProvider {
        @Override
        public String name() {
            return "test-missing";
        }

        @Override
        public int priority() {
            return 50;
        }

        @Override
        public Availability availability() {
            return Availability.no("needs the test_diag kernel module");
        }

        @Override
        public SocketSource open() {
            throw new AssertionError("an unavailable provider must not be opened");
        }
    }
}
