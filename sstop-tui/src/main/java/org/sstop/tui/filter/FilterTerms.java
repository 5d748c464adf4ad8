package org.sstop.tui.filter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketState;
import org.sstop.core.ProcessState;
import org.sstop.tui.net.ServiceTable;
import org.sstop.tui.filter.Filter.Compare.Metric;
import org.sstop.tui.filter.Filter.Compare.Op;

/** What one term of a filter expression means: {@code key:value}, a comparison, or a word. Stateless. */
final class FilterTerms {

    /** The keys of {@code key:value} terms. */
    static final List<String> KEYS = List.of("name", "pid", "user", "port", "svc", "proto", "host", "state", "container");
    /** The keys that also take {@code key=value}: the whole field rather than a part. */
    static final List<String> WHOLE_KEYS = List.of("name", "user", "container");
    private static final Map<String, Metric> METRICS = Map.of("up", Metric.UP, "down", Metric.DOWN, "conns", Metric.CONNS);

    private FilterTerms() {
    }

    /** The metric a lower-cased word compares ({@code up>…}), or null. */
    static Metric metricAt(String lowerWord) {
        for (Map.Entry<String, Metric> m : METRICS.entrySet()) {
            String k = m.getKey();
            if (lowerWord.length() > k.length() && lowerWord.startsWith(k) && "<>=!".indexOf(lowerWord.charAt(k.length())) >= 0) {
                return m.getValue();
            }
        }
        return null;
    }

    /**
     * A term's filter.
     *
     * @param raw the term's text; a quoted word starts with {@code "}
     * @param pos where it starts in the expression
     * @return its filter
     * @throws FilterSyntaxException where it is wrong
     */
    static Filter term(String raw, int pos) throws FilterSyntaxException {
        if (raw.startsWith("\"")) {
            return word(raw.substring(1), pos);
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        Metric metric = metricAt(lower);
        if (metric != null) {
            return compare(lower, metric, pos);
        }
        int equals = wholeKeyEnd(lower);
        if (equals > 0) {
            String value = raw.substring(equals + 1);
            if (value.isEmpty()) {
                throw new FilterSyntaxException(pos + equals + 1, "expected a value after '" + lower.substring(0, equals + 1) + "'");
            }
            return text(lower.substring(0, equals), value.toLowerCase(Locale.ROOT), true);
        }
        int colon = raw.indexOf(':');
        if (colon > 0 && raw.substring(0, colon).chars().allMatch(Character::isLetter)) {
            String key = lower.substring(0, colon);
            if (!KEYS.contains(key)) {
                throw new FilterSyntaxException(pos, "unknown key '" + raw.substring(0, colon) + ":' (one of "
                        + String.join(", ", KEYS) + ")");
            }
            String value = raw.substring(colon + 1);
            int vpos = pos + colon + 1;
            if (value.isEmpty()) {
                throw new FilterSyntaxException(vpos, "expected a value after '" + key + ":'");
            }
            return keyed(key, value, vpos);
        }
        return word(raw, pos);
    }

    /**
     * Where the {@code =} of {@code name=}, {@code user=} or {@code container=} is in a lower-cased
     * term, or -1 (then {@code a=b} stays a plain word, as it always was).
     */
    static int wholeKeyEnd(String lower) {
        int equals = lower.indexOf('=');
        return equals > 0 && WHOLE_KEYS.contains(lower.substring(0, equals)) ? equals : -1;
    }

    private static Filter text(String key, String lowerValue, boolean whole) {
        Filter.Text.Field field = switch (key) {
            case "name" -> Filter.Text.Field.NAME;
            case "user" -> Filter.Text.Field.USER;
            default -> Filter.Text.Field.CONTAINER;
        };
        return new Filter.Text(field, lowerValue, whole);
    }

    private static Filter word(String w, int pos) throws FilterSyntaxException {
        if (w.isEmpty()) {
            throw new FilterSyntaxException(pos, "empty quotes");
        }
        return new Filter.Word(w.toLowerCase(Locale.ROOT));
    }

    private static Filter keyed(String key, String value, int pos) throws FilterSyntaxException {
        String v = value.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "name", "user", "container" -> text(key, v, false);
            case "pid" -> new Filter.Pid((int) integer(v, pos, 0, Integer.MAX_VALUE, "a pid"));
            case "port" -> new Filter.Port((int) integer(v, pos, 0, 65_535, "a port (0-65535)"));
            case "proto" -> switch (v) {
                case "tcp" -> new Filter.Proto(Protocol.TCP);
                case "udp" -> new Filter.Proto(Protocol.UDP);
                default -> throw new FilterSyntaxException(pos, "expected tcp or udp");
            };
            case "host" -> host(value, pos);
            case "svc" -> service(v, pos);
            default -> state(v, pos); // "state"
        };
    }

    /** {@code svc:https}: the ports a service name (or alias) of {@code /etc/services} stands for. */
    private static Filter service(String v, int pos) throws FilterSyntaxException {
        ServiceTable table = ServiceTable.system();
        if (!table.knows(v)) {
            throw new FilterSyntaxException(pos, "unknown service (a name from /etc/services: https, ssh, domain, ...)");
        }
        return new Filter.Svc(v, table.ports(v, Protocol.TCP), table.ports(v, Protocol.UDP));
    }

    private static Filter state(String v, int pos) throws FilterSyntaxException {
        if (v.equals("running") || v.equals("exited")) {
            return new Filter.ProcessIn(v.equals("running") ? ProcessState.RUNNING : ProcessState.EXITED);
        }
        for (SocketState s : SocketState.values()) {
            if (s.name().equalsIgnoreCase(v) || s.name().replace("_", "").equalsIgnoreCase(v)) {
                return new Filter.SocketIn(s);
            }
        }
        throw new FilterSyntaxException(pos, "expected a socket state (listen, established, time_wait, ...) or running, exited");
    }

    /** An address or a block: {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}. */
    private static Filter host(String value, int pos) throws FilterSyntaxException {
        int slash = value.indexOf('/');
        String addr = slash < 0 ? value : value.substring(0, slash);
        IpAddress a;
        try {
            a = IpAddress.parse(addr);
        } catch (RuntimeException e) {
            throw new FilterSyntaxException(pos, "expected an IP address or block (10.0.0.0/8)");
        }
        int max = a.isV4() ? 32 : 128;
        int bits = slash < 0 ? max : (int) integer(value.substring(slash + 1), pos + slash + 1, 0, max,
                "a prefix length (0-" + max + ")");
        int total = a.isV4() ? 96 + bits : bits;
        return new Filter.Host(new IpAddress(a.high() & Filter.Host.mask(total), a.low() & Filter.Host.mask(total - 64)),
                total);
    }

    private static Filter compare(String lower, Metric metric, int pos) throws FilterSyntaxException {
        int at = metric.name().length();
        String rest = lower.substring(at);
        Op op;
        int len;
        if (rest.startsWith(">=")) {
            op = Op.GE;
            len = 2;
        } else if (rest.startsWith("<=")) {
            op = Op.LE;
            len = 2;
        } else if (rest.startsWith("!=")) {
            op = Op.NE;
            len = 2;
        } else if (rest.startsWith(">")) {
            op = Op.GT;
            len = 1;
        } else if (rest.startsWith("<")) {
            op = Op.LT;
            len = 1;
        } else if (rest.startsWith("=")) {
            op = Op.EQ;
            len = rest.startsWith("==") ? 2 : 1;
        } else {
            throw new FilterSyntaxException(pos + at, "expected >, >=, <, <=, = or !=");
        }
        int vpos = pos + at + len;
        String value = rest.substring(len);
        if (value.isEmpty()) {
            throw new FilterSyntaxException(vpos, "expected a number after the comparison");
        }
        double v = metric == Metric.CONNS ? integer(value, vpos, 0, Integer.MAX_VALUE, "a whole number")
                : size(value, vpos);
        return new Filter.Compare(metric, op, v);
    }

    /** A byte count: {@code 1500}, {@code 1.5k}, {@code 1M}, {@code 2GiB}, {@code 500KB} (1024-based). */
    private static double size(String v, int pos) throws FilterSyntaxException {
        int i = 0;
        while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
            i++;
        }
        double number;
        try {
            number = Double.parseDouble(v.substring(0, i));
        } catch (NumberFormatException e) {
            throw new FilterSyntaxException(pos, "expected a number (1500, 1.5k, 2M)");
        }
        String unit = v.substring(i);
        int scale = switch (unit) {
            case "", "b" -> 0;
            case "k", "kb", "ki", "kib" -> 1;
            case "m", "mb", "mi", "mib" -> 2;
            case "g", "gb", "gi", "gib" -> 3;
            case "t", "tb", "ti", "tib" -> 4;
            default -> throw new FilterSyntaxException(pos + i, "expected a unit k, M, G or T (1024-based)");
        };
        return number * Math.pow(1024, scale);
    }

    private static long integer(String v, int pos, long min, long max, String what) throws FilterSyntaxException {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new FilterSyntaxException(pos, "expected " + what);
        }
        long n = Long.parseLong(v);
        if (n < min || n > max) {
            throw new FilterSyntaxException(pos, "expected " + what);
        }
        return n;
    }
}
