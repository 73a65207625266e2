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
