package org.sstop.linux.procfs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sstop.api.ProcessMapper;
import org.sstop.api.Endpoint;
import org.sstop.api.IpAddress;
import org.sstop.api.Protocol;
import org.sstop.api.SocketInfo;
import org.sstop.api.SocketState;

/** Builds the {@link SocketInfo}s a socket source would hand the mapper. */
final class Sockets {

    private Sockets() {
    }

    static SocketInfo socket(long inode, int uid) {
        Endpoint any = new Endpoint(IpAddress.ANY_V4, 0);
        return new SocketInfo(inode, Protocol.TCP, any, any, SocketState.ESTABLISHED, inode, uid,
                SocketInfo.UNKNOWN, SocketInfo.UNKNOWN, SocketInfo.UNKNOWN);
    }

    static List<SocketInfo> sockets(long... inodes) {
        List<SocketInfo> list = new ArrayList<>();
        for (long inode : inodes) {
            list.add(socket(inode, SocketInfo.UNKNOWN));
        }
        return list;
    }

    static List<SocketInfo> sockets(List<Long> inodes) {
        List<SocketInfo> list = new ArrayList<>();
        for (long inode : inodes) {
            list.add(socket(inode, SocketInfo.UNKNOWN));
        }
        return list;
    }

    /** What the mapper found, by inode (the Linux owner key): the sockets it did not find are absent. */
    static Map<Long, Integer> found(ProcessMapper mapper, List<SocketInfo> sockets) throws IOException {
        int[] pids = mapper.owners(sockets);
        Map<Long, Integer> out = new HashMap<>();
        for (int i = 0; i < pids.length; i++) {
            if (pids[i] > 0) {
                out.put(sockets.get(i).ownerKey(), pids[i]);
            }
        }
        return out;
    }
}
