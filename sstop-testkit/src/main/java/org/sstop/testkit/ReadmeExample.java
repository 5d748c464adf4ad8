package org.sstop.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a README's code example true: the example lives in a test source between
 * {@code // README begin} and {@code // README end} (so it is compiled and run), and the README
 * quotes it in the first {@code ```java} block after the test's name.
 */
public final class ReadmeExample {

    private ReadmeExample() {
    }

    /**
     * Asserts that the README quotes the example exactly (indentation and trailing blanks aside).
     *
     * @param readme the README
     * @param marker the text (the test's name) the README writes above its example
     * @param source the test source holding the example
     * @throws IOException when a file cannot be read
     */
    public static void assertQuoted(Path readme, String marker, Path source) throws IOException {
        String text = Files.readString(readme);
        int at = text.indexOf(marker);
        assertTrue(at > 0, "the README names " + marker + " above its example");
        int start = text.indexOf("```java\n", at) + "```java\n".length();
        int end = text.indexOf("```", start);
        List<String> lines = Files.readAllLines(source);
        int from = indexOfStripped(lines, "// README begin") + 1;
        int to = indexOfStripped(lines, "// README end");
        assertEquals(dedent(lines.subList(from, to)), dedent(List.of(text.substring(start, end).split("\n"))));
    }

    private static int indexOfStripped(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not found");
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
