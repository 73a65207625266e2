# The load generator and reference proxy of the benchmarks, wrk and nginx, when the machine has none on its PATH:
# Debian's packages, fetched with apt-get download and unpacked (not installed: nothing is configured or started)
# into .local/tools/debian, as .ci/run does with promtool; small wrappers in its bin/ find wrk's LuaJIT library there.
# Sourced by each benchmark that needs them, after ROOT is set:  . "$ROOT/bench/lib/tools.sh"; bench_tools wrk nginx
bench_tools() { # tool ...
  local dir=$ROOT/.local/tools/debian tool pkgs=() lib
  PATH=$PATH:$dir/bin
  for tool in "$@"; do
    command -v "$tool" >/dev/null && continue
    case $tool in
      wrk) pkgs+=(wrk libluajit-5.1-2) ;;
      nginx) pkgs+=(nginx) ;;
      *) ;; # not one this knows how to fetch: the benchmark's own check names it
    esac
  done
  [ ${#pkgs[@]} -eq 0 ] && return 0
  echo "== fetching Debian's ${pkgs[*]} into $dir (apt-get download; not installed)" >&2
  if ! (mkdir -p "$dir/debs" "$dir/bin" && cd "$dir/debs" && timeout 180 apt-get download "${pkgs[@]}" >/dev/null 2>&1 \
        && for deb in *.deb; do dpkg-deb -x "$deb" "$dir/root" || exit 1; done && rm -f ./*.deb); then
    echo "   could not fetch them; install them instead: apt-get install -y ${pkgs[*]}" >&2
    return 0
  fi
  for lib in "$dir"/root/usr/lib/*-linux-gnu; do :; done
  for tool in wrk:usr/bin/wrk nginx:usr/sbin/nginx; do
    [ -x "$dir/root/${tool#*:}" ] || continue
    printf '#!/bin/sh\nLD_LIBRARY_PATH="%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "%s" "$@"\n' \
      "$lib" "$dir/root/${tool#*:}" > "$dir/bin/${tool%%:*}"
    chmod +x "$dir/bin/${tool%%:*}"
  done
}
