package org.sstop.tui.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sstop.api.ContainerInfo;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ProcessState;
import org.sstop.core.ProcessStats;
import org.sstop.tui.testing.Fixtures;

/** The search's expression language: what is an expression, what each term matches, and every error's position. */
class FilterParserTest {

    /** nginx (pid 10, www-data, in container "web"): listens on 443, serves 198.51.100.7; 2 MiB/s up. */
    static final ProcessStats NGINX = with(Fixtures.process(10, "nginx", "nginx: master process", 2.0 * 1024 * 1024,
            400 * 1024, ProcessState.RUNNING, List.of(
                    Fixtures.conn(Protocol.TCP, "0.0.0.0", 443, "0.0.0.0", 0, SocketState.LISTEN, 0, 0),
                    Fixtures.conn(Protocol.TCP, "10.0.0.2", 443, "198.51.100.7", 51000, SocketState.ESTABLISHED, 1, 1))),
            "www-data", new ContainerInfo("docker", "ab12".repeat(16), "web", null, null));
    /** dnsd (pid 20, root): UDP to 2001:db8::53 on port 53, 600 KiB/s down; exited. */
    static final ProcessStats DNSD = Fixtures.process(20, "dnsd", "/usr/sbin/dnsd -f", 10, 600 * 1024,
            ProcessState.EXITED, List.of(Fixtures.conn(Protocol.UDP, "::", 5300, "2001:db8::53", 53, SocketState.ESTABLISHED, 0, 0)));
    /** curl (pid 1234, root): twelve connections to 10.1.2.3:8080, idle. */
    static final ProcessStats CURL = Fixtures.process(1234, "curl", "curl -O http://10.1.2.3:8080/x", 0, 0,
            ProcessState.RUNNING, twelve());
    static final List<ProcessStats> ALL = List.of(NGINX, DNSD, CURL);

    static List<org.sstop.core.SocketStats> twelve() {
        List<org.sstop.core.SocketStats> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            out.add(Fixtures.conn(Protocol.TCP, "10.0.0.2", 50000 + i, "10.1.2.3", 8080, SocketState.ESTABLISHED, 0, 0));
        }
        return out;
    }

    static ProcessStats with(ProcessStats p, String user, ContainerInfo c) {
        return new ProcessStats(p.pid(), p.ppid(), p.name(), p.cmdline(), user, p.startTime(), p.state(), p.exitedAt(),
                p.traffic(), p.connections(), p.listening(), p.trend(), p.history(), p.sockets(), 0, c);
    }

    /** The pids an expression keeps. */
    static List<Integer> pids(String expression) {
        try {
            Filter f = FilterParser.parse(expression);
            return ALL.stream().filter(f::test).map(ProcessStats::pid).toList();
        } catch (FilterSyntaxException e) {
            throw new AssertionError(expression + ": " + e.getMessage(), e);
        }
    }

    static FilterSyntaxException error(String expression) {
        return assertThrows(FilterSyntaxException.class, () -> FilterParser.parse(expression), expression);
    }

    @Test
    void plainTextStaysPlainSoTheSearchMatchesItWhole() {
        for (String plain : List.of("nginx", "proc1 --option", "foo and bar", "not found", "2001:db8", "10.0.0.1",
                "c++", "a:b", "http://x", "upload", "down-time", "Andrew", "名前", "NOTE")) {
            assertFalse(FilterParser.isExpression(plain), plain);
        }
        for (String expr : List.of("name:nginx", "NAME:x", "up>1M", "conns>=2", "down!=0", "NOT foo", "a OR b", "x AND y",
                "(a)", "\"x y\"", "a && b", "a || b", "!pid:3", "!!port:1", "container:web", "host:10.0.0.0/8")) {
            assertTrue(FilterParser.isExpression(expr), expr);
        }
    }

    @Test
    void eachKeyMatchesItsField() {
        assertEquals(List.of(10), pids("name:NGI"), "a substring, any case");
        assertEquals(List.of(1234), pids("pid:1234"));
        assertEquals(List.of(), pids("pid:123"), "a pid is exact");
        assertEquals(List.of(10), pids("user:www"));
        assertEquals(List.of(20, 1234), pids("user:root"));
        assertEquals(List.of(10), pids("container:web"));
        assertEquals(List.of(10), pids("container:ab12ab"), "the container's id too");
        assertEquals(List.of(10), pids("port:443"), "a local port");
        assertEquals(List.of(20, 1234), pids("port:53 OR port:8080"), "a remote port");
        assertEquals(List.of(20), pids("proto:udp"));
        assertEquals(List.of(10, 1234), pids("proto:TCP"));
        assertEquals(List.of(1234), pids("host:10.0.0.0/8"));
        assertEquals(List.of(10), pids("host:198.51.100.7"));
        assertEquals(List.of(10), pids("host:198.51.100.0/24"));
        assertEquals(List.of(), pids("host:198.51.101.0/24"));
        assertEquals(List.of(20), pids("host:2001:db8::/32"));
        assertEquals(List.of(10, 1234), pids("host:0.0.0.0/0"), "every IPv4 address, no IPv6 one");
        assertEquals(List.of(10, 20, 1234), pids("host:::/0"), "every address");
    }

    @Test
    void nameUserAndContainerEqualsTakeTheWholeField() {
        assertEquals(List.of(), pids("user=www"), "= is the whole name, not a part");
        assertEquals(List.of(10), pids("user=WWW-DATA"), "in any case");
        assertEquals(List.of(10), pids("user=\"www-data\""), "quoted, as the groups view writes it");
        assertEquals(List.of(20, 1234), pids("user=root"));
        assertEquals(List.of(), pids("user=roo"));
        assertEquals(List.of(10), pids("name=nginx"));
        assertEquals(List.of(), pids("name=ngin"));
        assertEquals(List.of(10), pids("container=web"));
        assertEquals(List.of(10), pids("container=" + "ab12".repeat(16)), "the whole id");
        assertEquals(List.of(), pids("container=ab12ab"));
        assertEquals(List.of(20), pids("NOT user=www-data AND proto:udp"));
        assertTrue(FilterParser.isExpression("user=root"));
        assertTrue(FilterParser.isExpression("Name=x"));
        assertFalse(FilterParser.isExpression("a=b"), "another word with = stays plain text");
        assertFalse(FilterParser.isExpression("pid=3"), "pid, port, ... take only key:value");
        assertEquals(List.of(), pids("a=b OR x=y"), "inside an expression, a plain word");
        assertEquals(5, error("user=").position(), "a value is needed");
        assertTrue(error("user=").getMessage().contains("after 'user='"), error("user=").getMessage());
    }

    @Test
    void servicesAreNamesOfPortsForTheSocketsProtocol() {
        // https, domain and http-alt are in the built-in list, so in every table.
        assertEquals(List.of(10), pids("svc:https"), "its local port");
        assertEquals(List.of(10), pids("svc:HTTPS"), "any case");
        assertEquals(List.of(20), pids("svc:domain"), "the remote port, over UDP");
        assertEquals(List.of(1234), pids("svc:http-alt"));
        assertEquals(List.of(10, 1234), pids("NOT svc:domain"));
        assertTrue(FilterParser.isExpression("svc:https"));
        assertError("svc:no-such-service-here", 4, "unknown service");
        assertError("svc:", 4, "expected a value");
    }

    @Test
    void statesComparisonsAndSizes() {
        assertEquals(List.of(10), pids("state:listen"));
        assertEquals(List.of(10, 20, 1234), pids("state:ESTABLISHED"));
        assertEquals(List.of(10, 20, 1234), pids("state:timewait OR state:established"));
        assertEquals(List.of(20), pids("state:exited"));
        assertEquals(List.of(10, 1234), pids("state:running"));
        assertEquals(List.of(10), pids("up>1M"), "2 MiB/s is more than 1 MiB/s");
        assertEquals(List.of(), pids("up>2M"));
        assertEquals(List.of(10), pids("up>=2MiB"));
        assertEquals(List.of(20), pids("down>=500k"));
        assertEquals(List.of(10, 20), pids("down>=400KB"));
        assertEquals(List.of(20), pids("down>400.5k"));
        assertEquals(List.of(1234), pids("conns>10"));
        assertEquals(List.of(10, 20), pids("conns<=2"));
        assertEquals(List.of(1234), pids("conns=12"));
        assertEquals(List.of(1234), pids("conns==12"));
        assertEquals(List.of(10, 20), pids("conns!=12"));
        assertEquals(List.of(1234), pids("up<1"));
    }

    @Test
    void andOrNotAndParentheses() {
        assertEquals(List.of(1234), pids("user:root conns>1"), "side by side is AND");
        assertEquals(List.of(1234), pids("user:root AND conns>1"));
        assertEquals(List.of(1234), pids("user:root && conns>1"));
        assertEquals(List.of(10, 1234), pids("name:nginx OR user:root conns>1"), "AND binds tighter than OR");
        assertEquals(List.of(10, 1234), pids("(name:nginx OR user:root) conns>1 OR name:nginx"));
        assertEquals(List.of(1234), pids("(name:nginx OR user:root) AND conns>1"));
        assertEquals(List.of(10, 1234), pids("NOT proto:udp"));
        assertEquals(List.of(10, 1234), pids("!proto:udp"));
        assertEquals(List.of(20), pids("NOT NOT proto:udp"));
        assertEquals(List.of(20), pids("not (name:nginx or name:curl)"), "operators in any case");
        assertEquals(List.of(20, 1234), pids("name:dnsd || pid:1234"));
        assertEquals(List.of(20), pids("((((name:dnsd))))"));
        assertEquals(List.of(10), pids("nginx port:443"), "a plain word matches as the search does");
        assertEquals(List.of(1234), pids("\"http://10.1.2.3\" state:running"), "quoted: a word with odd characters");
        assertEquals(List.of(10), pids("name:\"nginx\" \"master process\""), "quotes keep spaces");
        assertEquals(List.of(10), pids("\"AND\" OR name:nginx"), "a quoted operator is a word");
    }

    @Test
    void errorsSayWhere() {
        assertError("", 0, "empty");
        assertError("   ", 0, "empty");
        assertError("name:", 5, "value after 'name:'");
        assertError("(name:x", 7, "expected ')'");
        assertError("name:x)", 6, "unmatched ')'");
        assertError("foo:bar", 0, "unknown key 'foo:'");
        assertError("name:x bogus:1", 7, "unknown key");
        assertError("port:70000", 5, "port");
        assertError("port:-1", 5, "port");
        assertError("pid:12a", 4, "pid");
        assertError("pid:99999999999", 4, "pid");
        assertError("up>1X", 4, "unit");
        assertError("up>>1", 3, "number");
        assertError("up>", 3, "number");
        assertError("conns>1.5", 6, "whole number");
        assertError("conns>1k", 6, "whole number");
        assertError("host:300.1.1.1", 5, "IP address");
        assertError("host:10.0.0.0/33", 14, "prefix length");
        assertError("host:::/129", 8, "prefix length");
        assertError("host:example.com", 5, "IP address");
        assertError("proto:icmp", 6, "tcp or udp");
        assertError("state:bogus", 6, "socket state");
        assertError("name:x \"unclosed", 7, "unclosed quote");
        assertError("AND x", 0, "expected a term, not 'AND'");
        assertError("x OR", 4, "expected a term");
        assertError("x OR OR y", 5, "expected a term, not 'OR'");
        assertError("()", 1, "empty parentheses");
        assertError("name:a \"\"", 7, "empty quotes");
        assertError("NOT", 3, "expected a term");
    }

    static void assertError(String expression, int position, String reason) {
        FilterSyntaxException e = error(expression);
        assertEquals(position, e.position(), expression + ": " + e.getMessage());
        assertTrue(e.reason().contains(reason), expression + ": " + e.reason());
        assertTrue(e.getMessage().startsWith("at " + (position + 1) + ": "), e.getMessage());
    }

    @Test
    void nestingLengthAndTermCountAreBounded() throws Exception {
        String ok = "(".repeat(FilterParser.MAX_DEPTH) + "name:x" + ")".repeat(FilterParser.MAX_DEPTH);
        FilterParser.parse(ok);
        String deep = "(".repeat(FilterParser.MAX_DEPTH + 1) + "name:x" + ")".repeat(FilterParser.MAX_DEPTH + 1);
        assertEquals(FilterParser.MAX_DEPTH, error(deep).position(), "the first '(' too deep");
        assertEquals(FilterParser.MAX_LENGTH, error("(".repeat(100_000)).position(), "too long: refused before parsing");
        assertTrue(error("NOT ".repeat(240) + "x").reason().contains("terms and operators"));
        assertTrue(error("a ".repeat(300)).reason().contains("terms and operators"));
        FilterParser.parse("NOT ".repeat(150) + "x"); // long but within every bound: fine
    }

    @Test
    void hostileTextNeverBreaksTheParserAndEveryErrorIsInsideTheText() {
        String alphabet = "()!&|\"<>=: \t\u0000\u001b\u202e\u009bnameNOTANDORpidhostup/k.0123456789名😀";
        SplittableRandom r = new SplittableRandom(11);
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            int len = r.nextInt(0, 60);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            String text = sb.toString();
            try {
                Filter f = FilterParser.parse(text);
                for (ProcessStats p : ALL) {
                    f.test(p);
                }
                parsed++;
            } catch (FilterSyntaxException e) {
                assertTrue(e.position() >= 0 && e.position() <= text.length(), text + " -> " + e.position());
                assertFalse(e.reason().isEmpty());
            } catch (RuntimeException | StackOverflowError e) {
                fail("'" + text + "' threw " + e, e);
            }
        }
        assertTrue(parsed > 100, "some of them parse: " + parsed);
    }
}
