package org.sstop.linux.procfs;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the socket inodes a process holds from the {@code socket:[inode]} links in
 * {@code /proc/<pid>/fd}. Each link is read with libc's {@code readlink} into a reusable buffer
 * (no {@code Path} or {@code String} per descriptor), or in plain Java where native calls are
 * unavailable. Not thread-safe: its buffers are reused; the mapper calls it under its lock.
 */
final class FdDirectoryReader {

    private static final Logger LOG = System.getLogger(FdDirectoryReader.class.getName());
    /** A socket link's target ({@code socket:[<20 digits>]}) is shorter: anything that fills this is not one. */
    private static final int LINK_MAX = 64;

    private final Path procRoot;
    private final byte[] procRootBytes;
    private final boolean nativeReadlink;
    private final byte[] pathBuf = new byte[512];
    private final byte[] linkBuf = new byte[LINK_MAX];
    private long directoriesRead;

    /** @param procRoot the proc file system root */
    FdDirectoryReader(Path procRoot) {
        this.procRoot = procRoot;
        this.procRootBytes = procRoot.toString().getBytes(StandardCharsets.UTF_8);
        this.nativeReadlink = Libc.loadError() == null && procRootBytes.length + 32 <= pathBuf.length;
    }

    /**
     * The socket inodes {@code pid} holds now.
     *
     * @return the inodes, sorted, or null when the directory cannot be read (the process exited,
     *     or it is another user's and this process is not privileged)
     */
    long[] socketInodes(int pid) {
        directoriesRead++;
        Path fdDir = procRoot.resolve(Integer.toString(pid)).resolve("fd");
        long[] found = new long[16];
        int count = 0;
        int prefix = nativeReadlink ? pidFdPrefix(pid) : 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fdDir)) {
            for (Path entry : entries) {
                long inode = prefix > 0 ? nativeSocketInode(entry, prefix) : javaSocketInode(entry);
                if (inode > 0) {
                    if (count == found.length) {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = inode;
                }
            }
        } catch (AccessDeniedException e) {
            return null; // another user's process, without privileges: the mapper's limitations say so
        } catch (NoSuchFileException e) {
            return null; // exited meanwhile
        } catch (IOException | DirectoryIteratorException | SecurityException e) {
            LOG.log(Level.DEBUG, "cannot read {0}: {1}", fdDir, e.toString());
            return null;
        }
        found = Arrays.copyOf(found, count);
        Arrays.sort(found);
        return found;
    }

    /** How many fd directories this reader has read (or tried to) so far. */
    long directoriesRead() {
        return directoriesRead;
    }

    /**
     * Reads the link {@code entry} with libc, its directory's path ({@code <root>/<pid>/fd/}) already
     * in pathBuf; -1 if it is not a socket.
     */
    private long nativeSocketInode(Path entry, int prefix) {
        String name = entry.getFileName().toString();
        int len = prefix + name.length();
        if (len + 1 > pathBuf.length) {
            return javaSocketInode(entry);
        }
        for (int i = 0; i < name.length(); i++) {
            pathBuf[prefix + i] = (byte) name.charAt(i);
        }
        pathBuf[len] = 0;
        long n = Libc.readlink(pathBuf, linkBuf, linkBuf.length);
        // A target that fills the buffer was cut: not a socket link, whose target is short.
        return n > 0 && n < linkBuf.length ? SocketLink.inode(linkBuf, (int) n) : -1;
    }

    private static long javaSocketInode(Path entry) {
        try {
            return SocketLink.inode(Files.readSymbolicLink(entry).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return -1; // closed meanwhile, or not a link
        }
    }

    /** Writes {@code <procRoot>/<pid>/fd/} into pathBuf; returns its length. */
    private int pidFdPrefix(int pid) {
        int n = procRootBytes.length;
        System.arraycopy(procRootBytes, 0, pathBuf, 0, n);
        pathBuf[n++] = '/';
        String digits = Integer.toString(pid);
        for (int i = 0; i < digits.length(); i++) {
            pathBuf[n++] = (byte) digits.charAt(i);
        }
        pathBuf[n++] = '/';
        pathBuf[n++] = 'f';
        pathBuf[n++] = 'd';
        pathBuf[n++] = '/';
        return n;
    }
}
