package org.sstop.linux.procfs;

import java.util.ArrayList;
import java.util.List;
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
}
