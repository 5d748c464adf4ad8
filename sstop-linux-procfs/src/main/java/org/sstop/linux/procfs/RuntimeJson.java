package org.sstop.linux.procfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Container names from the JSON files container runtimes keep: Docker's
 * {@code containers/<id>/config.v2.json} and containers/storage's {@code containers.json} (Podman,
 * CRI-O). Only the fields needed are looked at, the rest is skipped unparsed; a streaming parser is
 * used because both files need their structure understood (Docker's {@code "Name"} key also
 * appears nested, in labels and mount points, before and after the top-level one). Every loop
 * consumes the parser's input, which is the bounded byte array given, and nesting is limited to
 * {@link #MAX_DEPTH}. Pure functions; malformed or truncated JSON throws, or returns what was read
 * before the fault.
 */
final class RuntimeJson {

    /** Deeper nesting is refused: these files nest a few levels. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            // Field names of untrusted files are not put in the JVM's string table.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private RuntimeJson() {
    }

    /**
     * The container's name in Docker's {@code config.v2.json}: its top-level {@code "Name"}
     * ({@code "/web-1"}), without the leading slash.
     *
     * @param json the file's bytes
     * @return the name, or null when the file has none
     * @throws IOException when the JSON is malformed before the name
     */
    static String dockerName(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("Name")) {
                    String name = p.getText();
                    return name.startsWith("/") ? name.substring(1) : name;
                }
                p.skipChildren();
            }
            return null;
        }
    }

    /**
     * A container's first name in containers/storage's {@code containers.json}: an array of
     * objects with {@code "id"} and {@code "names"}.
     *
     * @param json the file's bytes
     * @param id the container id
     * @return its first name, or null when the file does not list it (or lists it without names)
     * @throws IOException when the JSON is malformed before the container's entry
     */
    static String storageName(byte[] json, String id) throws IOException {
        return storageNames(json, Integer.MAX_VALUE).get(id);
    }

    /**
     * Every container's first name in containers/storage's {@code containers.json}, as far as the
     * file can be read (a cut or malformed file gives the entries before the damage).
     *
     * @param max the most entries kept
     */
    static Map<String, String> storageNames(byte[] json, int max) {
        Map<String, String> names = new HashMap<>();
        try {
            storageNames(json, max, names);
        } catch (IOException | RuntimeException e) {
            // Keep what came before the damage.
        }
        return names;
    }

    private static void storageNames(byte[] json, int max, Map<String, String> names) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return;
            }
            for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY && names.size() < max; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                String entryId = null;
                String firstName = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                        entryId = p.getText();
                    } else if (field.equals("names") && value == JsonToken.START_ARRAY) {
                        firstName = firstString(p);
                    } else {
                        p.skipChildren();
                    }
                }
                if (entryId != null && firstName != null) {
                    names.putIfAbsent(entryId, firstName);
                }
            }
        }
    }

    /** The first string of the array the parser is at the start of; the array is consumed. */
    private static String firstString(JsonParser p) throws IOException {
        String first = null;
        for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (first == null && t == JsonToken.VALUE_STRING) {
                first = p.getText();
            }
            p.skipChildren();
        }
        return first;
    }
}
