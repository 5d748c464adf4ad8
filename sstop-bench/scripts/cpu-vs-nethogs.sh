#!/usr/bin/env bash
# End-to-end CPU comparison of sstop and nethogs on the same traffic: PROCS processes each hold
# CONNS TCP connections to a peer in a network namespace (created here, deleted on exit) and
# trickle RATE bytes/s each. Each tool then runs for SECONDS at a 1 s interval under
# /usr/bin/time -v: sstop as it runs (the eBPF counter where it can), sstop without it
# (--backend counters=none: sock_diag and packets), and nethogs. Needs root, iproute2, nethogs and a built tree (mvn -B -DskipTests package).
set -euo pipefail
PROCS=${PROCS:-50} CONNS=${CONNS:-40} RATE=${RATE:-20000} SECONDS_RUN=${SECONDS_RUN:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cp="$top/sstop-bench/target/test-classes"
[ -d "$cp" ] || { echo "build first: mvn -B -DskipTests package && mvn -B -pl sstop-bench test-compile" >&2; exit 2; }
command -v nethogs >/dev/null || { echo "needs nethogs (apt-get install nethogs)" >&2; exit 2; }
ns=sst-cmp-$$ link=sstcmp$$ peer=sstcmpp$$ host=10.214.7.1 addr=10.214.7.2 port=5999
java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx48m -Xss256k -cp "$cp" org.sstop.it.TrafficGen)
sink=(java -XX:+UseSerialGC -Xmx512m -Xss256k -cp "$cp" org.sstop.it.TrafficGen)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; ip link del "$link" 2>/dev/null || true; ip netns del "$ns" 2>/dev/null || true; }
trap cleanup EXIT
ip netns add "$ns"
ip link add "$link" type veth peer name "$peer"
ip link set "$peer" netns "$ns"
ip addr add "$host/24" dev "$link"; ip link set "$link" up
ip -n "$ns" addr add "$addr/24" dev "$peer"; ip -n "$ns" link set "$peer" up; ip -n "$ns" link set lo up
ip netns exec "$ns" "${sink[@]}" sink "$addr" "$port" > /dev/null & pids+=($!)
sleep 2
for i in $(seq "$PROCS"); do
  "${java[@]}" hold "$addr" "$port" "$CONNS" "$RATE" $((SECONDS_RUN * 3 + 180)) > /dev/null & pids+=($!)
  sleep 0.3
done
echo "waiting for $((PROCS * CONNS)) connections..." >&2
for _ in $(seq 120); do
  n=$(ss -Htn state established dst "$addr" | wc -l)
  [ "$n" -ge $((PROCS * CONNS)) ] && break; sleep 1
done
echo "established: $(ss -Htn state established dst "$addr" | wc -l)" >&2
sleep 5
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
measure() { # label, command...: whole run under time -v, and steady state after a 10 s warm-up
  local label=$1; shift
  /usr/bin/time -v -o "/tmp/cmp-$label.time" timeout -s INT "$((SECONDS_RUN + 12))" "$@" > "/tmp/cmp-$label.out" 2> "/tmp/cmp-$label.err" &
  local outer=$! pid="" t0 t1
  sleep 10
  pid=$(pgrep -n -f "^$(basename "$1")|/$(basename "$1")( |$)|sstop.jar" | head -1)
  case $label in sstop*) pid=$(pgrep -n -f "sstop.jar") ;; esac
  [ "$label" = nethogs ] && pid=$(pgrep -n -x nethogs)
  t0=$(cpu_ticks "$pid"); sleep "$SECONDS_RUN"; t1=$(cpu_ticks "$pid")
  wait "$outer" || true
  local u s rss tck
  tck=$(getconf CLK_TCK)
  u=$(awk -F': ' '/User time/{print $2}' "/tmp/cmp-$label.time")
  s=$(awk -F': ' '/System time/{print $2}' "/tmp/cmp-$label.time")
  rss=$(awk -F': ' '/Maximum resident/{print $2}' "/tmp/cmp-$label.time")
  printf '%-8s whole run (%ss): user %ss sys %ss = %.2f%% of a core, max RSS %s KB | steady state (%ss after 10 s): %.2f%% of a core | %s lines out\n' \
    "$label" "$((SECONDS_RUN + 12))" "$u" "$s" "$(echo "($u + $s) * 100 / ($SECONDS_RUN + 12)" | bc -l)" "$rss" \
    "$SECONDS_RUN" "$(echo "($t1 - $t0) * 100 / $tck / $SECONDS_RUN" | bc -l)" "$(wc -l < "/tmp/cmp-$label.out")"
}
echo "traffic: $((PROCS * CONNS)) connections, $((PROCS * RATE)) B/s in total" >&2
measure sstop "$top/sstop" --json --interval 1s
measure sstop-no-ebpf "$top/sstop" --json --interval 1s --backend counters=none
measure nethogs nethogs -t -d 1
echo "established at the end: $(ss -Htn state established dst "$addr" | wc -l)" >&2
