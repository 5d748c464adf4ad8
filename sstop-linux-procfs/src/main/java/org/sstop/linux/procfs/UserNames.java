package org.sstop.linux.procfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * User names by uid from a passwd file, read again only when the file's modification time
 * changes. Not thread-safe: the mapper calls it under its lock.
 */
final class UserNames {

    private static final int PASSWD_MAX = 8 * 1024 * 1024;

    private final Path passwdFile;
    private Map<Integer, String> names = Map.of();
    private FileTime readAt;

    /** @param passwdFile the passwd file, normally {@code /etc/passwd} */
    UserNames(Path passwdFile) {
        this.passwdFile = passwdFile;
    }

    /**
     * The name of a user.
     *
     * @param uid the user id
     * @return its name, the uid in decimal when the file does not name it, empty for a negative uid
     */
    String name(int uid) {
        if (uid < 0) {
            return "";
        }
        try {
            FileTime time = Files.getLastModifiedTime(passwdFile);
            if (!time.equals(readAt)) {
                names = Passwd.parse(ProcFiles.readText(passwdFile, PASSWD_MAX));
                readAt = time;
            }
        } catch (IOException | SecurityException e) {
            // no passwd: numeric names
        }
        String name = names.get(uid);
        return name != null ? name : Integer.toString(uid);
    }
}
