package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The namespaces and links are really made, really connected, unique, and really removed. */
class TestNetworkTest {

    @Test
    void peerReachesThisNamespaceOverTheLinkAndEverythingIsGoneAfterClose() throws Exception {
        CiAssume.onPath("bash");
        TestNetwork net = TestNetwork.toPeer(TestNetwork.Ipv6.ADDRESSED);
        String far;
        Process sleeper;
        try (net) {
            LinkEnd near = net.near();
            far = net.far().namespace().orElseThrow();
            assertTrue(near.namespace().isEmpty());
            assertTrue(Files.exists(Path.of("/sys/class/net", near.link())), "near end in this namespace");
            assertTrue(near.link().length() <= 15 && net.far().link().length() <= 15);
            String farAddresses = net.far().run("ip", "-o", "addr", "show", "dev", net.far().link());
            assertTrue(farAddresses.contains(net.far().address() + "/24"), farAddresses);
            assertTrue(farAddresses.contains(net.far().address6() + "/64"), farAddresses);
            assertEquals(net.near().address().replaceAll("\\.1$", ".2"), net.far().address());
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName(near.address()))) {
                Process client = net.far().start("bash", "-c",
                        "echo hello >/dev/tcp/" + near.address() + "/" + server.getLocalPort());
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    assertEquals("hello\n", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
                    assertEquals(near.address(), s.getLocalAddress().getHostAddress());
                    assertEquals(net.far().address(), s.getInetAddress().getHostAddress());
                }
                assertTrue(client.waitFor(30, TimeUnit.SECONDS));
            }
            sleeper = net.far().start("sleep", "300");
            assertTrue(sleeper.isAlive());
        }
        assertFalse(sleeper.isAlive(), "processes started in the network are killed");
        assertFalse(Files.exists(TestNetwork.namespaceFile(far)), "namespace deleted");
        assertFalse(Files.exists(Path.of("/sys/class/net", net.near().link())), "link deleted");
        net.close(); // idempotent
    }

    @Test
    void betweenNamespacesLeavesThisNamespaceAloneAndCanTurnIpv6Off() throws Exception {
        try (TestNetwork net = TestNetwork.betweenNamespaces(TestNetwork.Ipv6.DISABLED)) {
            assertTrue(net.near().namespace().isPresent());
            assertNotEquals(net.near().namespace(), net.far().namespace());
            assertFalse(Files.exists(Path.of("/sys/class/net", net.near().link())), "not in this namespace");
            for (LinkEnd end : new LinkEnd[] {net.near(), net.far()}) {
                assertEquals("1", end.run("cat", "/proc/sys/net/ipv6/conf/" + end.link() + "/disable_ipv6").strip());
                String addresses = end.run("ip", "-o", "addr", "show", "dev", end.link());
                assertTrue(addresses.contains(end.address() + "/24"), addresses);
                assertFalse(addresses.contains("inet6"), addresses);
            }
            assertThrows(IllegalStateException.class, net.near()::address6);
        }
    }

    @Test
    void twoNetworksAtOnceShareNoNameOrSubnet() throws Exception {
        try (TestNetwork a = TestNetwork.toPeer(TestNetwork.Ipv6.KERNEL_DEFAULT);
                TestNetwork b = TestNetwork.toPeer(TestNetwork.Ipv6.KERNEL_DEFAULT)) {
            assertNotEquals(a.near().link(), b.near().link());
            assertNotEquals(a.far().namespace(), b.far().namespace());
            assertNotEquals(subnet(a.near().address()), subnet(b.near().address()));
            assertNotEquals(a.unroutedNetwork(), b.unroutedNetwork());
            assertNotEquals(subnet(a.near().address()), subnet(a.unroutedAddress()));
        }
    }

    private static String subnet(String address) {
        return address.substring(0, address.lastIndexOf('.'));
    }
}
