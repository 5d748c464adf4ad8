package org.sstop.app.serve;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sstop.api.IpAddress;
import org.sstop.tui.text.Sanitizer;
import picocli.CommandLine;

/**
 * Where {@code --serve} listens: {@code PORT} (on 127.0.0.1), {@code ADDR:PORT} or
 * {@code [IPV6]:PORT}. Port 0 takes any free port (sstop says which on stderr). The address must
 * be one of this host's (or the wildcard {@code 0.0.0.0} / {@code [::]}), checked when parsed, so a
 * wrong address is bad usage, not a failure to run.
 *
 * @param address the address to bind
 * @param port the port, 0 for any free one
 */
public record ServeAddress(InetAddress address, int port) {

    private static final Pattern FORMAT = Pattern.compile("(?:(\\[[^\\]]*\\]|[^:\\[\\]]*):)?(\\d{1,5})");

    /** The default address: loopback only, so nothing is exposed beyond the host unless asked. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The socket address to bind. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    /**
     * Parses {@code [ADDR:]PORT}.
     *
     * @param text the option's value
     * @return the address
     * @throws CommandLine.TypeConversionException when it is malformed, the port is out of range, or
     *     the address is not this host's
     */
    public static ServeAddress parse(String text) {
        String shown = Sanitizer.clean(text);
        Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("'" + shown + "' is not [ADDR:]PORT (e.g. 9100, "
                    + "127.0.0.1:9100, 0.0.0.0:9100, [::1]:9100; an IPv6 address goes in brackets)");
        }
        int port = Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new CommandLine.TypeConversionException("port " + port + " is out of range: 0 to 65535");
        }
        String host = m.group(1) == null ? DEFAULT_HOST : m.group(1);
        boolean bracketed = host.startsWith("[");
        if (bracketed) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new CommandLine.TypeConversionException("'" + shown + "': the address before the port is empty");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new CommandLine.TypeConversionException("'" + Sanitizer.clean(host) + "' is not a known address or host name");
        }
        if (bracketed && !(address instanceof Inet6Address)) {
            throw new CommandLine.TypeConversionException("'" + shown + "': brackets are for IPv6 addresses only");
        }
        if (!isLocal(address)) {
            throw new CommandLine.TypeConversionException("'" + Sanitizer.clean(host)
                    + "' is not an address of this host (use one of its addresses, or 0.0.0.0 for all)");
        }
        return new ServeAddress(address, port);
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** How it is written in a URL: {@code 127.0.0.1:9100}, {@code [::1]:9100}. */
    static String hostAndPort(InetSocketAddress bound) {
        InetAddress a = bound.getAddress();
        String host = IpAddress.of(a).toString(); // RFC 5952 text: ::1, not 0:0:0:0:0:0:0:1
        return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** The picocli converter of {@code --serve}. */
    public static final class Converter implements CommandLine.ITypeConverter<ServeAddress> {

        /** A converter. */
        public Converter() {
        }

        /**
         * Parses {@code [ADDR:]PORT}.
         *
         * @param text the option's value
         * @return the address
         */
        @Override
        public ServeAddress convert(String text) {
            return parse(text);
        }
    }
}
