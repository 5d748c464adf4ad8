package org.sstop.it;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A traffic generator run as a separate process by the end-to-end tests, so that sstop sees
 * traffic on a pid of its own with a byte count known exactly. Prints {@code READY <pid>} when
 * connected and {@code DONE <pid> <bytes>} when finished.
 *
 * <pre>
 * sink ADDR PORT                      TCP: 'U' = discard; 'D' rate seconds = send paced. UDP: discard.
 * upload HOST PORT RATE SECONDS       paced TCP upload
 * download HOST PORT RATE SECONDS     paced TCP download
 * burst HOST PORT WAIT_MS BYTES       connect, wait, send BYTES at once, exit
 * halfclose HOST PORT BYTES HOLD_MS  connect, send BYTES at once, shut down output, read the
 *                                     peer's close, hold the closed socket HOLD_MS, then close it
 * udp HOST PORT RATE SECONDS MODE     1,200-byte datagrams; MODE connected or sendto
 * hold HOST PORT CONNS RATE SECONDS   CONNS connections sharing RATE bytes/s in total
 * churn HOST PORT CONNS UP DOWN [PER_SECOND]
 *                                     CONNS connections one after another, each sending UP bytes
 *                                     and receiving DOWN bytes, then closed (reports bytes sent);
 *                                     PER_SECOND paces the connections
 * udp-recv ADDR PORT IDLE_MS          receive-only UDP server: reports the bytes received once
 *                                     none came for IDLE_MS after the first
 * </pre>
 *
 * <p>The sink answers 'E' up down: it reads {@code up} bytes, writes {@code down} bytes and closes.
 */
public final class TrafficGen {

    private static final int CHUNK = 16 * 1024;
    private static final long SLICE_NANOS = 10_000_000L;

    private TrafficGen() {
    }

    /** Entry point; see the class comment for the modes. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "sink" -> sink(args[1], Integer.parseInt(args[2]));
            case "upload" -> {
                try (Socket s = connect(args[1], Integer.parseInt(args[2]))) {
                    OutputStream out = s.getOutputStream();
                    out.write('U');
                    ready();
                    long sent = 1 + paced(out, Long.parseLong(args[3]), Double.parseDouble(args[4]));
                    s.shutdownOutput();
                    drain(s.getInputStream());
                    done(sent);
                }
            }
            case "download" -> {
                try (Socket s = connect(args[1], Integer.parseInt(args[2]))) {
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    out.write('D');
                    out.writeLong(Long.parseLong(args[3]));
                    out.writeDouble(Double.parseDouble(args[4]));
                    out.flush();
                    ready();
                    done(drain(s.getInputStream()));
                }
            }
            case "burst" -> {
                try (Socket s = connect(args[1], Integer.parseInt(args[2]))) {
                    OutputStream out = s.getOutputStream();
                    out.write('U');
                    out.flush();
                    ready();
                    Thread.sleep(Long.parseLong(args[3]));
                    long total = Long.parseLong(args[4]);
                    byte[] buf = new byte[1 << 20];
                    for (long left = total; left > 0; ) {
                        int n = (int) Math.min(buf.length, left);
                        out.write(buf, 0, n);
                        left -= n;
                    }
                    done(total + 1);
                }
            }
            case "halfclose" -> {
                try (Socket s = connect(args[1], Integer.parseInt(args[2]))) {
                    OutputStream out = s.getOutputStream();
                    out.write('U');
                    ready();
                    long total = Long.parseLong(args[3]);
                    out.write(new byte[(int) total]);
                    s.shutdownOutput();
                    drain(s.getInputStream()); // the sink closes at our EOF: TIME_WAIT, fd still open
                    Thread.sleep(Long.parseLong(args[4]));
                    done(total + 1);
                }
            }
            case "udp" -> udp(args[1], Integer.parseInt(args[2]), Long.parseLong(args[3]),
                    Double.parseDouble(args[4]), "connected".equals(args[5]));
            case "hold" -> hold(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]), Double.parseDouble(args[5]));
            case "churn" -> churn(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]), args.length > 6 ? Double.parseDouble(args[6]) : 0);
            case "udp-recv" -> udpReceive(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    private static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
        return s;
    }

    private static void ready() {
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
    }

    private static void done(long bytes) {
        System.out.println("DONE " + ProcessHandle.current().pid() + " " + bytes);
        System.out.flush();
    }

    /** Writes RATE bytes/s for SECONDS on an absolute timeline; returns the bytes written. */
    private static long paced(OutputStream out, long rate, double seconds) throws IOException {
        byte[] buf = new byte[CHUNK];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                int n = (int) Math.min(buf.length, due - sent);
                out.write(buf, 0, n);
                sent += n;
            }
            LockSupport.parkNanos(Math.min(SLICE_NANOS, end - now));
        }
        long due = (long) (seconds * rate);
        while (sent < due) {
            int n = (int) Math.min(buf.length, due - sent);
            out.write(buf, 0, n);
            sent += n;
        }
        out.flush();
        return sent;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
        }
        return total;
    }

    private static void sink(String addr, int port) throws Exception {
        InetAddress bind = InetAddress.getByName(addr);
        Thread udp = new Thread(() -> {
            try (DatagramSocket ds = new DatagramSocket(new InetSocketAddress(bind, port))) {
                DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
                while (true) {
                    ds.receive(p);
                }
            } catch (IOException e) {
                System.err.println("udp sink: " + e);
            }
        }, "udp-sink");
        udp.setDaemon(true);
        udp.start();
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(bind, port), 4096);
            ready();
            while (true) {
                Socket s = ss.accept();
                Thread t = new Thread(() -> serve(s), "sink-conn");
                t.setDaemon(true);
                t.start();
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            int cmd = in.read();
            if (cmd == 'D') {
                long rate = in.readLong();
                double seconds = in.readDouble();
                paced(s.getOutputStream(), rate, seconds);
                s.shutdownOutput();
            } else if (cmd == 'E') {
                long up = in.readLong();
                long down = in.readLong();
                in.readNBytes(new byte[(int) up], 0, (int) up);
                s.getOutputStream().write(new byte[(int) down]);
                s.shutdownOutput();
            }
            drain(in);
        } catch (IOException e) {
            // peer went away: nothing to do for a sink
        }
    }

    private static void udp(String host, int port, long rate, double seconds, boolean connected) throws Exception {
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(host), port);
        byte[] payload = new byte[1200];
        try (DatagramSocket ds = new DatagramSocket()) {
            if (connected) {
                ds.connect(to);
            }
            DatagramPacket p = connected ? new DatagramPacket(payload, payload.length) : new DatagramPacket(payload, payload.length, to);
            ready();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long sent = 0;
            for (long now = start; now < end; now = System.nanoTime()) {
                long due = (long) ((now - start) / 1e9 * rate);
                while (sent + payload.length <= due) {
                    ds.send(p);
                    sent += payload.length;
                }
                LockSupport.parkNanos(Math.min(SLICE_NANOS, end - now));
            }
            done(sent);
        }
    }

    /** One short connection after another: the bytes each sends and receives are exact; prints the bytes sent. */
    private static void churn(String host, int port, int conns, int up, int down, double perSecond) throws Exception {
        ready();
        long sent = 0;
        long start = System.nanoTime();
        for (int i = 0; i < conns; i++) {
            if (perSecond > 0) {
                long due = start + (long) (i * 1e9 / perSecond);
                for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                    LockSupport.parkNanos(due - now);
                }
            }
            try (Socket s = connect(host, port)) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.write('E');
                out.writeLong(up);
                out.writeLong(down);
                out.write(new byte[up]);
                out.flush();
                sent += 17 + up;
                if (drain(s.getInputStream()) != down) {
                    throw new IOException("short answer on connection " + i);
                }
            }
        }
        done(sent);
    }

    private static void udpReceive(String addr, int port, int idleMillis) throws Exception {
        try (DatagramSocket ds = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(addr), port))) {
            DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
            ready();
            ds.receive(p);
            long received = p.getLength();
            ds.setSoTimeout(idleMillis);
            try {
                while (true) {
                    p.setLength(65536);
                    ds.receive(p);
                    received += p.getLength();
                }
            } catch (java.net.SocketTimeoutException idle) {
                done(received);
            }
        }
    }

    private static void hold(String host, int port, int conns, long rate, double seconds) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Socket s = connect(host, port);
            s.getOutputStream().write('U');
            sockets.add(s);
        }
        ready();
        byte[] buf = new byte[CHUNK];
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long sent = 0;
        int next = 0;
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (long) ((now - start) / 1e9 * rate);
            while (sent < due) {
                int n = (int) Math.min(Math.min(buf.length, 1024), due - sent);
                sockets.get(next).getOutputStream().write(buf, 0, n);
                next = (next + 1) % conns;
                sent += n;
            }
            LockSupport.parkNanos(Math.min(100_000_000L, end - now));
        }
        for (Socket s : sockets) {
            s.close();
        }
        done(sent + conns);
    }
}
