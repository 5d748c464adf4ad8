package org.sstop.linux.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The runtime JSON parsers on the files' real shapes and on malformed and hostile JSON. */
class RuntimeJsonTest {

    static final String ID = CgroupClassifierTest.ID;
    static final String ID2 = CgroupClassifierTest.ID2;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Docker's config.v2.json, shortened, with "Name" keys nested before and after the container's. */
    static String dockerConfig(String name) {
        return "{\"StreamConfig\":{},\"State\":{\"Running\":true,\"Pid\":4242,\"Health\":null},\"ID\":\"" + ID + "\","
                + "\"Path\":\"nginx\",\"Args\":[\"-g\",\"daemon off;\"],\"Config\":{\"Hostname\":\"56f7b4c64812\","
                + "\"Labels\":{\"Name\":\"label-not-the-name\",\"com.docker.compose.service\":\"web\"}},"
                + "\"NetworkSettings\":{\"Networks\":{\"bridge\":{\"Aliases\":null}}},\"Name\":" + name + ","
                + "\"Driver\":\"overlay2\",\"MountPoints\":{\"/data\":{\"Name\":\"volume-not-the-name\",\"RW\":true}}}";
    }

    /** containers/storage's containers.json. */
    static String storage(String entries) {
        return "[" + entries + "]";
    }

    static String entry(String id, String names) {
        return "{\"id\":\"" + id + "\",\"names\":" + names + ",\"image\":\"abc\",\"layer\":\"def\","
                + "\"metadata\":\"{\\\"image-name\\\":\\\"docker.io/library/nginx:latest\\\"}\",\"created\":\"2024-01-01T00:00:00Z\"}";
    }

    @Test
    void dockerNameIsTheTopLevelName() throws IOException {
        assertEquals("web-1", RuntimeJson.dockerName(utf8(dockerConfig("\"/web-1\""))));
        assertEquals("no-slash", RuntimeJson.dockerName(utf8(dockerConfig("\"no-slash\""))));
        assertEquals("w\u00e9b", RuntimeJson.dockerName(utf8(dockerConfig("\"/w\\u00e9b\""))));
        assertNull(RuntimeJson.dockerName(utf8(dockerConfig("42"))), "a number is no name; nested ones are not it");
        assertNull(RuntimeJson.dockerName(utf8(dockerConfig("{\"Name\":\"x\"}"))));
        assertNull(RuntimeJson.dockerName(utf8("[\"Name\",\"x\"]")));
        assertNull(RuntimeJson.dockerName(utf8("{}")));
        assertNull(RuntimeJson.dockerName(utf8("")));
    }

    @Test
    void storageNameIsTheFirstNameOfTheEntry() throws IOException {
        String json = storage(entry(ID2, "[\"other\"]") + "," + entry(ID, "[\"web\",\"alias\"]"));
        assertEquals("web", RuntimeJson.storageName(utf8(json), ID));
        assertEquals("other", RuntimeJson.storageName(utf8(json), ID2));
        assertNull(RuntimeJson.storageName(utf8(json), ID.replace('5', '6')));
        assertNull(RuntimeJson.storageName(utf8(storage(entry(ID, "[]"))), ID));
        assertEquals("web", RuntimeJson.storageName(utf8(storage(entry(ID, "[{\"x\":1},[2],\"web\"]"))), ID));
        assertNull(RuntimeJson.storageName(utf8(storage(entry(ID, "\"web\""))), ID), "names is an array");
        // odd array elements are skipped
        assertEquals("web", RuntimeJson.storageName(utf8(storage("1,\"x\",[{}]," + entry(ID, "[\"web\"]"))), ID));
        assertNull(RuntimeJson.storageName(utf8("{\"id\":\"" + ID + "\",\"names\":[\"web\"]}"), ID));
    }

    @Test
    void malformedOrTruncatedJsonTellsWhatCameBefore() throws IOException {
        String json = storage(entry(ID2, "[\"other\"]") + "," + entry(ID, "[\"web\"]"));
        String cut = json.substring(0, json.indexOf(ID) + 5);
        assertEquals("other", RuntimeJson.storageName(utf8(cut), ID2));
        assertNull(RuntimeJson.storageName(utf8(cut), ID), "the damaged entry is not read");
        assertEquals(java.util.Map.of(ID2, "other"), RuntimeJson.storageNames(utf8(cut), 10), "the entries before the damage");
        assertEquals(1, RuntimeJson.storageNames(utf8(json), 1).size(), "bounded");
        assertThrows(IOException.class, () -> RuntimeJson.dockerName(utf8("{\"State\":{\"Running\":tru")));
        assertThrows(IOException.class, () -> RuntimeJson.dockerName(utf8("{\"State\" 1}")));
        // invalid UTF-8 in a string
        byte[] bad = utf8(dockerConfig("\"/xx\""));
        int at = new String(bad, StandardCharsets.UTF_8).indexOf("/xx");
        bad[at + 1] = (byte) 0xff;
        bad[at + 2] = (byte) 0xfe;
        assertThrows(IOException.class, () -> RuntimeJson.dockerName(bad));
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "[".repeat(100_000);
        assertThrows(IOException.class, () -> RuntimeJson.dockerName(utf8("{\"State\":" + deep)));
        assertEquals(java.util.Map.of(), RuntimeJson.storageNames(utf8("[" + deep), 10), "refused: nothing read");
    }
}
