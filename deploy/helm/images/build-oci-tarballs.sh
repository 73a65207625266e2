#!/usr/bin/env bash
# Builds the service images with the Maven "images" profile (quarkus-container-image-jib, no Docker daemon) and
# writes each as an OCI tarball: <module>/target/<module>-<version>-oci.tar.
#
#   deploy/helm/images/build-oci-tarballs.sh [module ...]        (default: all four)
#
# Quarkus' jib integration pushes to a registry (or a Docker daemon); here it pushes to a throw-away local registry
# (Debian's docker-registry, the reference "distribution" server) on a free port, and skopeo copies each image out
# of it as an oci-archive. Needs: apt-get install docker-registry skopeo.
# Base image: MFS_IMAGE_BASE (default the profile's UBI OpenJDK 17 runtime). Where no registry but Maven Central is
# reachable, MFS_IMAGE_BASE=offline builds a JRE base from this machine's JDK (offline-base-image.py).
set -euo pipefail
cd "$(dirname "$0")/../../.."
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(agreements-service minerals-service security-cooperation-service gateway)
command -v docker-registry >/dev/null && command -v skopeo >/dev/null \
  || { echo "needs docker-registry and skopeo (apt-get install docker-registry skopeo)" >&2; exit 1; }

work=$(mktemp -d /tmp/mfs-images.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/registry.yml" <<YAML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $work/storage } }
http: { addr: 127.0.0.1:$port }
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry_pid=$!
trap 'kill $registry_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done

base_args=()
if [ "${MFS_IMAGE_BASE:-}" = offline ]; then
  python3 deploy/helm/images/offline-base-image.py "$work/base.tar"
  base_args=("-Dmfs.image.base=tar://$work/base.tar")
elif [ -n "${MFS_IMAGE_BASE:-}" ]; then
  base_args=("-Dmfs.image.base=$MFS_IMAGE_BASE")
fi

version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
list=$(IFS=,; echo "${modules[*]}")
./mvnw -B -ntp package -DskipTests -pl "$list" -am \
  -Dquarkus.container-image.build=true -Dmfs.image.registry="127.0.0.1:$port" -Dmfs.image.group=mfs \
  -Dquarkus.container-image.insecure=true "${base_args[@]}"

for m in "${modules[@]}"; do
  out="$m/target/$m-$version-oci.tar"
  rm -f "$out"
  skopeo copy --quiet --src-tls-verify=false "docker://127.0.0.1:$port/mfs/$m:$version" "oci-archive:$out:mfs/$m:$version"
  echo "$out  $(du -m "$out" | cut -f1) MB"
done
