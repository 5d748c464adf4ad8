package org.sstop.linux.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.SocketSource;
import org.sstop.api.SocketSourceProvider;
import org.sstop.api.SocketState;
import org.sstop.testkit.CiAssume;

class NetlinkSocketSourceProviderTest {

    @Test
    void registeredForServiceLoader() {
        List<SocketSourceProvider> found = ServiceLoader.load(SocketSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("linux-netlink"))
                .collect(Collectors.toList());
        assertEquals(1, found.size());
        assertEquals(100, found.get(0).priority());
        assertTrue(found.get(0) instanceof NetlinkSocketSourceProvider);
    }

    @Test
    void availableOnLinuxAndOpensAWorkingSource() throws Exception {
        CiAssume.linux();
        NetlinkSocketSourceProvider provider = new NetlinkSocketSourceProvider();
        Availability a = provider.availability();
        assertTrue(a.available(), a.reason());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SocketSource source = provider.open()) {
            int port = listener.getLocalPort();
            assertTrue(source.sample().sockets().stream()
                    .anyMatch(s -> s.local().port() == port && s.state() == SocketState.LISTEN));
        }
    }

    @Test
    void saysWhyWhenNotLinux() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Mac OS X");
            Availability a = new NetlinkSocketSourceProvider().availability();
            assertFalse(a.available());
            assertTrue(a.reason().contains("not Linux"), a.reason());
        } finally {
            System.setProperty("os.name", os);
        }
    }
}
