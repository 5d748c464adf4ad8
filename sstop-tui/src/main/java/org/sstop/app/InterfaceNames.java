package org.sstop.app;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sstop.tui.text.Sanitizer;

/**
 * Checks the interfaces named on the command line ({@code sstop eth0 eth1}, as with nethogs):
 * on Linux against {@code /sys/class/net} (every interface, with or without an address), else
 * against the JDK's list. Stateless.
 */
final class InterfaceNames {

    private static final Path SYS = Path.of("/sys/class/net");
    /** Most names listed in an error message. */
    private static final int MAX_LISTED = 20;

    private InterfaceNames() {
    }

    /**
     * What is wrong with the names, or null when each is an interface of this host.
     *
     * @param names the names given
     * @return the message for the user, or null
     */
    static String error(List<String> names) {
        for (String n : names) {
            if (!exists(n)) {
                List<String> known = known();
                String list = String.join(", ", known.subList(0, Math.min(MAX_LISTED, known.size())))
                        + (known.size() > MAX_LISTED ? ", ..." : "");
                return "unknown interface '" + Sanitizer.clean(n) + "' (this host has: " + Sanitizer.clean(list) + ")";
            }
        }
        return null;
    }

    private static boolean exists(String name) {
        // A name is one path element of at most 15 bytes (IFNAMSIZ), never '.', '..' or with a '/'.
        if (name.isEmpty() || name.length() > 15 || name.contains("/") || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return false;
        }
        if (Files.isDirectory(SYS)) {
            return Files.exists(SYS.resolve(name));
        }
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static List<String> known() {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(SYS)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(SYS)) {
                for (Path p : dir) {
                    if (out.size() >= 1000) {
                        break;
                    }
                    out.add(p.getFileName().toString());
                }
            } catch (IOException e) {
                // the message then lists none
            }
        } else {
            try {
                NetworkInterface.networkInterfaces().limit(1000).forEach(i -> out.add(i.getName()));
            } catch (SocketException e) {
                // none listed
            }
        }
        Collections.sort(out);
        return out;
    }
}
