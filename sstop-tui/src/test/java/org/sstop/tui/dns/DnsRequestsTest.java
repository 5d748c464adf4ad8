package org.sstop.tui.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sstop.api.IpAddress;
import org.sstop.tui.state.UiState;
import org.sstop.tui.state.View;
import org.sstop.tui.testing.Fixtures;

class DnsRequestsTest {

    static UiState state(boolean allowed) {
        return UiState.initial(Duration.ofSeconds(1), allowed, 120, 40, Fixtures.T0).with(b -> b.snapshot = Fixtures.full(100, false));
    }

    @Test
    void noDnsMeansNoLookupsAtAll() {
        assertTrue(DnsRequests.wanted(state(false)).isEmpty(), "-n");
        assertTrue(DnsRequests.wanted(state(true).with(b -> b.dns = false)).isEmpty(), "switched off with d");
        assertTrue(DnsRequests.wanted(state(false).with(b -> b.dns = true)).isEmpty(), "-n wins even if dns were set");
    }

    @Test
    void busiestHostsOrTheDetailProcessesPeers() {
        List<IpAddress> hosts = DnsRequests.wanted(state(true));
        assertEquals(51, hosts.size());
        assertEquals(IpAddress.parse("192.0.2.1"), hosts.get(0));
        List<IpAddress> detail = DnsRequests.wanted(state(true).with(b -> {
            b.view = View.DETAIL;
            b.detailPid = 103;
        }));
        assertEquals(List.of(IpAddress.parse("93.184.216.34"), IpAddress.parse("2001:db8::1"), IpAddress.parse("10.0.0.9")), detail,
                "remote peers only, no wildcards, no duplicates");
    }
}
