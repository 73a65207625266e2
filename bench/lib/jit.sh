# Sourced by the bench scripts that measure JVMs: is a JVM still compiling? (the same reading as
# bench/write-path/Stack.java: the JIT compiler threads' CPU against the whole process's, from /proc)
#   jit_sample PID          prints one line: "<process ticks> <tid>:<ticks> ..." for the compiler threads (C1, C2)
#   jit_share BEFORE AFTER  prints the compiler's share (0-1) of the process's CPU between two samples; a compiler
#                           thread started meanwhile counts whole, one that ended is left out, and the process total
#                           keeps the time of threads that ended
_jit_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$1" 2>/dev/null; }
jit_sample() {
  local pid=$1 line t
  line=$(_jit_ticks "/proc/$pid/stat")
  for t in /proc/"$pid"/task/*; do
    grep -q CompilerThre "$t/comm" 2>/dev/null && line="$line ${t##*/}:$(_jit_ticks "$t/stat")"
  done
  echo "${line:-0}"
}
jit_share() {
  awk -v b="$1" -v a="$2" 'BEGIN {
    nb = split(b, before, " "); na = split(a, after, " ")
    for (i = 2; i <= nb; i++) { split(before[i], kv, ":"); was[kv[1]] = kv[2] }
    for (i = 2; i <= na; i++) { split(after[i], kv, ":"); c += kv[2] - (kv[1] in was ? was[kv[1]] : 0) }
    p = after[1] - before[1]; printf "%.3f", (p > 0 ? c / p : 0) }'
}
#   jit_warm_up MIN MAX ROUND NAME=PID ...
#                           warms JVMs up: calls the function ROUND (with the round's number from 0) at least MIN and at
#                           most MAX times, until no named JVM's compiler took 10 % of its CPU in the last round;
#                           prints each round and leaves JIT_ROUNDS (rounds run) and JIT_BUSY (the compilers still
#                           at 10 % or more, with their share; empty when none)
jit_warm_up() {
  local min=$1 max=$2 round=$3 spec name share
  shift 3
  local -A pid=() before=()
  for spec in "$@"; do pid[${spec%%=*}]=${spec#*=}; done
  JIT_ROUNDS=0
  while :; do
    for name in "${!pid[@]}"; do before[$name]=$(jit_sample "${pid[$name]}"); done
    "$round" "$JIT_ROUNDS"
    JIT_ROUNDS=$((JIT_ROUNDS + 1))
    JIT_BUSY=""
    for name in "${!pid[@]}"; do
      share=$(jit_share "${before[$name]}" "$(jit_sample "${pid[$name]}")")
      if awk -v s="$share" 'BEGIN { exit !(s >= 0.10) }'; then
        JIT_BUSY="$JIT_BUSY $name $(awk -v s="$share" 'BEGIN { printf "%.0f%%", 100 * s }')"
      fi
    done
    echo "   round $JIT_ROUNDS: JIT compilers at 10 % or more of their JVM's CPU:${JIT_BUSY:- none}"
    if [ "$JIT_ROUNDS" -ge "$min" ] && { [ -z "$JIT_BUSY" ] || [ "$JIT_ROUNDS" -ge "$max" ]; }; then
      return 0
    fi
  done
}
