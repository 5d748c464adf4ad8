package org.sstop.tui.view;

import java.util.Map;

/** Names of well-known ports. */
public final class Services {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(20, "ftp-data"), Map.entry(21, "ftp"), Map.entry(22, "ssh"), Map.entry(23, "telnet"),
            Map.entry(25, "smtp"), Map.entry(53, "dns"), Map.entry(67, "dhcp"), Map.entry(68, "dhcp"),
            Map.entry(69, "tftp"), Map.entry(80, "http"), Map.entry(88, "kerberos"), Map.entry(110, "pop3"),
            Map.entry(123, "ntp"), Map.entry(143, "imap"), Map.entry(161, "snmp"), Map.entry(179, "bgp"),
            Map.entry(389, "ldap"), Map.entry(443, "https"), Map.entry(445, "smb"), Map.entry(465, "smtps"),
            Map.entry(514, "syslog"), Map.entry(587, "submission"), Map.entry(631, "ipp"), Map.entry(636, "ldaps"),
            Map.entry(853, "dns-tls"), Map.entry(873, "rsync"), Map.entry(993, "imaps"), Map.entry(995, "pop3s"),
            Map.entry(1194, "openvpn"), Map.entry(1433, "mssql"), Map.entry(1883, "mqtt"), Map.entry(2049, "nfs"),
            Map.entry(2375, "docker"), Map.entry(2376, "docker-tls"), Map.entry(3000, "dev-http"),
            Map.entry(3306, "mysql"), Map.entry(3389, "rdp"), Map.entry(5060, "sip"), Map.entry(5222, "xmpp"),
            Map.entry(5353, "mdns"), Map.entry(5432, "postgres"), Map.entry(5672, "amqp"), Map.entry(5900, "vnc"),
            Map.entry(6379, "redis"), Map.entry(6443, "k8s-api"), Map.entry(8080, "http-alt"),
            Map.entry(8443, "https-alt"), Map.entry(9000, "http-alt"), Map.entry(9090, "prometheus"),
            Map.entry(9092, "kafka"), Map.entry(9200, "elastic"), Map.entry(11211, "memcached"),
            Map.entry(27017, "mongodb"), Map.entry(51820, "wireguard"));

    private Services() {
    }

    /** The service name of a port, or "" when it is not well known. */
    public static String of(int port) {
        return NAMES.getOrDefault(port, "");
    }

    /** The service of a connection: the remote port's, else the local port's. */
    public static String of(int localPort, int remotePort) {
        String r = of(remotePort);
        return r.isEmpty() ? of(localPort) : r;
    }
}
