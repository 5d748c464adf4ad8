package org.sstop.macos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads a recorded output from {@code src/test/resources/fixtures}, without its leading "# " source note. */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder(text.length());
            boolean header = true;
            for (String line : text.split("\n", -1)) {
                if (header && line.startsWith("# ")) {
                    continue;
                }
                header = false;
                out.append(line).append('\n');
            }
            return out.substring(0, out.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
