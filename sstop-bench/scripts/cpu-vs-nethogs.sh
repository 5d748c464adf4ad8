#!/usr/bin/env bash
# End-to-end CPU comparison of sstop and nethogs on the same traffic: PROCS processes each hold
# CONNS TCP connections to a peer in a network namespace (created here, deleted on exit) and
# trickle RATE bytes/s each. Each tool then runs for SECONDS at a 1 s interval under
# /usr/bin/time -v. Needs root, iproute2, nethogs and a built tree (mvn -B -DskipTests package).
set -euo pipefail
PROCS=${PROCS:-50} CONNS=${CONNS:-40} RATE=${RATE:-20000} SECONDS_RUN=${SECONDS_RUN:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cp="$top/sstop-bench/target/test-classes"
[ -d "$cp" ] || { echo "build first: mvn -B -DskipTests package && mvn -B -pl sstop-bench test-compile" >&2; exit 2; }
command -v nethogs >/dev/null || { echo "needs nethogs (apt-get install nethogs)" >&2; exit 2; }
ns=sst-cmp-$$ link=sstcmp$$ peer=sstcmpp$$ host=10.214.7.1 addr=10.214.7.2 port=5999
java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx48m -Xss256k -cp "$cp" org.sstop.it.TrafficGen)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; ip link del "$link" 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip link add "$link" type veth peer name "$peer"
ip link set "$peer" netns "$ns"
ip addr add "$host/24" dev "$link"; ip link set "$link" up
ip -n "$ns" addr add "$addr/24" dev "$peer"; ip -n "$ns" link set "$peer" up; ip -n "$ns" link set lo up
ip netns exec "$ns" "${java[@]}" sink "$addr" "$port" > /dev/null & pids+=($!)
sleep 2
for i in $(seq "$PROCS"); do
  "${java[@]}" hold "$addr" "$port" "$CONNS" "$RATE" $((SECONDS_RUN * 2 + 120)) > /dev/null & pids+=($!)
done
echo "waiting for $((PROCS * CONNS)) connections..." >&2
for _ in $(seq 120); do
  n=$(ss -Htn state established dst "$addr" | wc -l)
  [ "$n" -ge $((PROCS * CONNS)) ] && break; sleep 1
done
echo "established: $(ss -Htn state established dst "$addr" | wc -l)" >&2
sleep 5
measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v -o "/tmp/cmp-$label.time" timeout -s INT "$SECONDS_RUN" "$@" > "/tmp/cmp-$label.out" 2> "/tmp/cmp-$label.err" || true
  local u s rss
  u=$(awk -F': ' '/User time/{print $2}' "/tmp/cmp-$label.time")
  s=$(awk -F': ' '/System time/{print $2}' "/tmp/cmp-$label.time")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "/tmp/cmp-$label.time")
  printf '%-8s user %6ss  sys %6ss  cpu %5.2f%% of a core over %ss  max RSS %s KB  (%s lines of output)\n' \
    "$label" "$u" "$s" "$(echo "($u + $s) * 100 / $SECONDS_RUN" | bc -l)" "$SECONDS_RUN" "$rss" "$(wc -l < "/tmp/cmp-$label.out")"
}
measure sstop "$top/sstop" --json --interval 1s
measure nethogs nethogs -t -d 1
