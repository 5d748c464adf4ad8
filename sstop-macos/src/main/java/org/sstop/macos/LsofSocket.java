package org.sstop.macos;

import org.sstop.api.Endpoint;
import org.sstop.api.Protocol;

/**
 * One internet socket in {@code lsof -F} output, with its process.
 *
 * @param pid process id
 * @param ppid parent process id, 0 if lsof did not say
 * @param command process name (decoded, untrusted)
 * @param uid user id, -1 if lsof did not say
 * @param login login name, empty if lsof did not say
 * @param fd file descriptor text
 * @param protocol TCP or UDP
 * @param local local endpoint
 * @param remote remote endpoint (wildcard when unconnected)
 * @param state TCP state name from {@code TST=}, empty if none
 */
record LsofSocket(
        int pid, int ppid, String command, int uid, String login, String fd,
        Protocol protocol, Endpoint local, Endpoint remote, String state) {
}
