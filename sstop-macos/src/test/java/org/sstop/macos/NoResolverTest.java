package org.sstop.macos;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The macOS parsers read host fields that any process can influence: none of this module's
 * classes may call a JDK name lookup (addresses go through {@code IpAddress.parse}, which never
 * resolves). Checked on the compiled classes, whose constant pools name every method they call.
 */
class NoResolverTest {

    @Test
    void noMainClassRefersToALookupMethod() throws IOException, URISyntaxException {
        Path classes = Path.of(Endpoints.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(classes)) {
            files = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() > 20, "found the module's classes in " + classes);
        for (Path f : files) {
            String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String lookup : List.of("getByName", "getAllByName", "getCanonicalHostName", "getHostName", "getLocalHost")) {
                assertFalse(bytes.contains(lookup), f.getFileName() + " refers to " + lookup);
            }
        }
    }
}
