package org.sstop.tui.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sstop.api.Protocol;

/**
 * Port names, as {@code getservbyport} gives them: from {@code /etc/services} (read once, on
 * first use), the few well-known ports it lacks filled in from a built-in list. Immutable.
 *
 * <p>The file is untrusted input: at most {@link #MAX_BYTES} of it is read and at most
 * {@link #MAX_ENTRIES} entries kept; a line whose name is longer than {@link #MAX_NAME} or holds
 * anything but letters, digits and {@code . _ + -}, whose port is not 1-65535 or whose protocol is
 * not tcp or udp is skipped, so nothing from it can reach the terminal as a control character.
 */
public final class ServiceTable {

    /** Most bytes of the file read. */
    public static final int MAX_BYTES = 1 << 20;
    /** Most names (main names and aliases) kept. */
    public static final int MAX_ENTRIES = 50_000;
    /** Longest name kept. */
    public static final int MAX_NAME = 32;

    /** Names {@code /etc/services} may lack, and the short ones people type ({@code dns}, {@code postgres}). */
    private static final String BUILT_IN = """
            ftp-data 20/tcp
            ftp 21/tcp
            ssh 22/tcp
            telnet 23/tcp
            smtp 25/tcp
            domain 53/tcp dns
            domain 53/udp dns
            bootps 67/udp dhcp
            bootpc 68/udp dhcp
            tftp 69/udp
            http 80/tcp www
            kerberos 88/tcp
            pop3 110/tcp
            ntp 123/udp
            imap 143/tcp
            snmp 161/udp
            bgp 179/tcp
            ldap 389/tcp
            https 443/tcp
            https 443/udp quic
            microsoft-ds 445/tcp smb
            submissions 465/tcp smtps
            syslog 514/udp
            submission 587/tcp
            ipp 631/tcp
            ldaps 636/tcp
            domain-s 853/tcp dns-tls
            rsync 873/tcp
            imaps 993/tcp
            pop3s 995/tcp
            openvpn 1194/udp
            ms-sql-s 1433/tcp mssql
            mqtt 1883/tcp
            nfs 2049/tcp
            docker 2375/tcp
            docker-s 2376/tcp docker-tls
            mysql 3306/tcp
            ms-wbt-server 3389/tcp rdp
            sip 5060/udp
            xmpp-client 5222/tcp xmpp
            mdns 5353/udp
            postgresql 5432/tcp postgres
            amqp 5672/tcp
            vnc 5900/tcp
            redis 6379/tcp
            sun-sr-https 6443/tcp k8s-api
            http-alt 8080/tcp
            https-alt 8443/tcp
            prometheus 9090/tcp
            kafka 9092/tcp
            elasticsearch 9200/tcp elastic
            memcache 11211/tcp memcached
            mongodb 27017/tcp
            wireguard 51820/udp
            """;

    /** Compiled once: String.split would compile it again for each of the file's hundreds of lines. */
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("[ \t]+");

    private static final ServiceTable BUILT_IN_TABLE = parse(BUILT_IN, null);

    /** Loaded on first use (the holder idiom: once, thread-safe). */
    private static final class OnThisHost {
        static final ServiceTable TABLE = load(Path.of("/etc/services"));
    }

    private final Map<Integer, String> tcp;
    private final Map<Integer, String> udp;
    /** Lower-case name or alias to its ports: [tcp ports, udp ports]. */
    private final Map<String, Set<Integer>[]> byName;

    private ServiceTable(Map<Integer, String> tcp, Map<Integer, String> udp, Map<String, Set<Integer>[]> byName) {
        this.tcp = Map.copyOf(tcp);
        this.udp = Map.copyOf(udp);
        Map<String, Set<Integer>[]> copy = new HashMap<>();
        byName.forEach((k, v) -> copy.put(k, copyOf(v)));
        this.byName = Map.copyOf(copy);
    }

    @SuppressWarnings("unchecked")
    private static Set<Integer>[] copyOf(Set<Integer>[] v) {
        return new Set[] {Set.copyOf(v[0]), Set.copyOf(v[1])};
    }

    /** The table of this system: {@code /etc/services} over the built-in list (only the built-in list if unreadable). */
    public static ServiceTable system() {
        return OnThisHost.TABLE;
    }

    /** The built-in list alone. */
    public static ServiceTable builtIn() {
        return BUILT_IN_TABLE;
    }

    /**
     * Reads a services file, bounded, with the built-in list filling in what it lacks.
     *
     * @param file the file; unreadable or missing gives the built-in list
     * @return the table
     */
    public static ServiceTable load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAX_BYTES);
            return parse(new String(head, StandardCharsets.UTF_8), BUILT_IN_TABLE);
        } catch (IOException | RuntimeException e) {
            return BUILT_IN_TABLE;
        }
    }

    /**
     * Parses services-file text: {@code name port/proto [aliases...] [# comment]} per line.
     *
     * @param text the text (its first {@link #MAX_BYTES} are expected: the caller bounds the read)
     * @param fallback names for ports the text lacks (and more names for {@code svc:}), or null
     * @return the table
     */
    public static ServiceTable parse(String text, ServiceTable fallback) {
        Map<Integer, String> tcp = new HashMap<>();
        Map<Integer, String> udp = new HashMap<>();
        Map<String, Set<Integer>[]> byName = new HashMap<>();
        int entries = 0;
        for (String raw : text.lines().limit(MAX_ENTRIES).toList()) {
            int hash = raw.indexOf('#');
            String[] f = FIELD_SEPARATOR.split((hash >= 0 ? raw.substring(0, hash) : raw).trim());
            if (f.length < 2 || !safe(f[0])) {
                continue;
            }
            int slash = f[1].indexOf('/');
            int port = slash > 0 ? port(f[1].substring(0, slash)) : -1;
            String proto = slash > 0 ? f[1].substring(slash + 1).toLowerCase(Locale.ROOT) : "";
            Map<Integer, String> names = proto.equals("tcp") ? tcp : proto.equals("udp") ? udp : null;
            if (port < 0 || names == null) {
                continue;
            }
            names.putIfAbsent(port, f[0]); // the first line for a port names it, as getservbyport
            for (int i = 0; i < f.length && entries < MAX_ENTRIES; i++) {
                if (i != 1 && safe(f[i])) {
                    add(byName, f[i], proto.equals("tcp") ? 0 : 1, port);
                    entries++;
                }
            }
        }
        if (fallback != null) {
            fallback.tcp.forEach(tcp::putIfAbsent);
            fallback.udp.forEach(udp::putIfAbsent);
            fallback.byName.forEach((name, ports) -> {
                if (!byName.containsKey(name)) { // a name the file gives keeps the file's ports
                    ports[0].forEach(p -> add(byName, name, 0, p));
                    ports[1].forEach(p -> add(byName, name, 1, p));
                }
            });
        }
        return new ServiceTable(tcp, udp, byName);
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Set<Integer>[]> byName, String name, int proto, int port) {
        byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new Set[] {new LinkedHashSet<>(), new LinkedHashSet<>()})[proto]
                .add(port);
    }

    /** A name made only of what service names are made of, and not too long. */
    private static boolean safe(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '+'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            p = p * 10 + (c - '0');
        }
        return p >= 1 && p <= 65_535 ? p : -1;
    }

    /**
     * A port's name for a protocol, or "".
     *
     * @param protocol TCP or UDP
     * @param port the port
     * @return the name, or "" when it has none
     */
    public String name(Protocol protocol, int port) {
        String n = (protocol == Protocol.UDP ? udp : tcp).get(port);
        return n == null ? "" : n;
    }

    /**
     * The ports a service name or alias stands for, any case.
     *
     * @param name the name
     * @param protocol TCP or UDP
     * @return its ports for that protocol, empty if none
     */
    public Set<Integer> ports(String name, Protocol protocol) {
        Set<Integer>[] p = byName.get(name.toLowerCase(Locale.ROOT));
        return p == null ? Set.of() : p[protocol == Protocol.UDP ? 1 : 0];
    }

    /** Whether a name or alias is known (for either protocol). */
    public boolean knows(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }
}
