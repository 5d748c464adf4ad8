package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sstop.api.Availability;
import org.sstop.api.BackendProvider;
import org.sstop.api.InterfaceSourceProvider;
import org.sstop.api.ProcessMapperProvider;
import org.sstop.api.SocketSourceProvider;

class ProvidersTest {

    private static List<BackendProvider<?>> all(Host host) {
        ScriptedRunner r = new ScriptedRunner();
        return List.of(new NettopSocketSourceProvider(host, r, Timing.DEFAULT), new NetstatSocketSourceProvider(host, r, Timing.DEFAULT),
                new LsofProcessMapperProvider(host, r, Timing.DEFAULT), new NetstatInterfaceSourceProvider(host, r, Timing.DEFAULT));
    }

    @Test
    void registeredForTheServiceLoader() {
        Set<String> sockets = ServiceLoader.load(SocketSourceProvider.class).stream()
                .filter(p -> p.type().getPackageName().equals("org.sstop.macos")).map(p -> p.get().name()).collect(Collectors.toSet());
        assertEquals(Set.of("macos-nettop", "macos-netstat"), sockets);
        assertTrue(ServiceLoader.load(ProcessMapperProvider.class).stream().anyMatch(p -> p.type() == LsofProcessMapperProvider.class));
        assertTrue(ServiceLoader.load(InterfaceSourceProvider.class).stream().anyMatch(p -> p.type() == NetstatInterfaceSourceProvider.class));
    }

    @Test
    void nettopTierOutranksNetstat() {
        Host h = FakeHost.mac();
        assertTrue(new NettopSocketSourceProvider(h, new ScriptedRunner(), Timing.DEFAULT).priority()
                > new NetstatSocketSourceProvider(h, new ScriptedRunner(), Timing.DEFAULT).priority());
    }

    @Test
    void onThisLinuxMachineNoneIsAvailableAndEachSaysWhy() {
        // The real host: this build runs on Linux.
        if (Host.system().isMacOs()) {
            return; // on a Mac the real probe answers differently; the fake-host tests below cover it
        }
        for (BackendProvider<?> p : List.of(new NettopSocketSourceProvider(), new NetstatSocketSourceProvider(),
                new LsofProcessMapperProvider(), new NetstatInterfaceSourceProvider())) {
            Availability a = p.availability();
            assertFalse(a.available(), p.name());
            assertTrue(a.reason().startsWith("macOS only (this is "), a.reason());
            assertThrows(IOException.class, p::open);
        }
    }

    @Test
    void fakeHosts() {
        for (BackendProvider<?> p : all(new FakeHost(false, false, "netstat", "nettop", "lsof", "ps"))) {
            assertEquals("macOS only (this is Linux)", p.availability().reason());
        }
        List<BackendProvider<?>> none = all(FakeHost.mac());
        assertEquals("nettop not found in /usr/sbin, /usr/bin or PATH", none.get(0).availability().reason());
        assertEquals("netstat not found in /usr/sbin, /usr/bin or PATH", none.get(1).availability().reason());
        assertEquals("lsof not found in /usr/sbin, /usr/bin or PATH", none.get(2).availability().reason());
        assertEquals("ps not found in /usr/sbin, /usr/bin or PATH", all(FakeHost.mac("lsof")).get(2).availability().reason());
        for (BackendProvider<?> p : all(FakeHost.mac("netstat", "nettop", "lsof", "ps"))) {
            assertTrue(p.availability().available(), p.name());
        }
    }
}
