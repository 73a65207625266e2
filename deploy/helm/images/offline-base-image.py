#!/usr/bin/env python3
"""A JRE 17 base image assembled from this machine's own JDK, for building the service images where no base image
can be pulled (no registry but Maven Central and Debian reachable). jlink makes a small runtime from the local JDK;
the few shared libraries it needs come from the local system; the image runs as uid 185 like the UBI OpenJDK images.
Writes a docker-archive tarball that jib reads as a base image through tar://<path>.

usage: offline-base-image.py <output.tar>    (JAVA_HOME: the JDK 17 to jlink from; default the system's)
"""
import hashlib, io, json, os, shutil, subprocess, sys, tarfile, tempfile

MODULES = ("java.base,java.compiler,java.instrument,java.logging,java.management,java.naming,java.net.http,"
           "java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,"
           "java.xml,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,"
           "jdk.unsupported,jdk.zipfs,jdk.localedata")

def main(out):
    java_home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
    work = tempfile.mkdtemp(prefix="mfs-base-")
    jre = os.path.join(work, "jre")
    subprocess.run([os.path.join(java_home, "bin", "jlink"), "--add-modules", MODULES, "--strip-debug", "--no-man-pages",
                    "--no-header-files", "--compress=2", "--output", jre], check=True)
    libs = set()
    for exe in (os.path.join(jre, "bin", "java"), os.path.join(jre, "lib", "server", "libjvm.so")):
        for line in subprocess.run(["ldd", exe], capture_output=True, text=True, check=True).stdout.splitlines():
            parts = line.split()
            path = parts[2] if "=>" in parts and len(parts) > 2 and parts[2].startswith("/") else parts[0]
            if path.startswith("/") and not path.startswith(jre):
                libs.add(path)
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as t:
        def add_dir(name, mode=0o755):
            info = tarfile.TarInfo(name); info.type = tarfile.DIRTYPE; info.mode = mode; info.mtime = 0
            t.addfile(info)
        def add_bytes(name, data, mode=0o644):
            info = tarfile.TarInfo(name); info.size = len(data); info.mode = mode; info.mtime = 0
            t.addfile(info, io.BytesIO(data))
        def add_file(name, src):
            with open(os.path.realpath(src), "rb") as f:
                add_bytes(name, f.read(), os.stat(os.path.realpath(src)).st_mode & 0o777)
        for d in ("etc", "tmp", "opt", "usr", "usr/lib", "usr/lib/x86_64-linux-gnu", "lib64", "deployments"):
            add_dir(d, 0o1777 if d == "tmp" else 0o755)
        add_bytes("etc/passwd", b"root:x:0:0:root:/root:/sbin/nologin\nmfs:x:185:185:mfs:/deployments:/sbin/nologin\n")
        add_bytes("etc/group", b"root:x:0:\nmfs:x:185:\n")
        add_bytes("etc/nsswitch.conf", b"hosts: files dns\n")
        for lib in sorted(libs):
            real = os.path.realpath(lib)
            add_file("usr/lib/x86_64-linux-gnu/" + os.path.basename(lib), real)
            if os.path.basename(lib).startswith("ld-linux"):
                add_file("lib64/" + os.path.basename(lib), real)
        for root, dirs, files in os.walk(jre):
            rel = os.path.relpath(root, jre)
            base = "opt/java" if rel == "." else "opt/java/" + rel
            add_dir(base)
            for f in files:
                add_file(base + "/" + f, os.path.join(root, f))
        # the system's CA certificates for TLS to the issuer (jlink links the Debian JDK's cacerts to /etc/ssl)
        add_file("opt/java/lib/security/cacerts.tmp", "/etc/ssl/certs/java/cacerts")
    data = layer.getvalue()
    # cacerts.tmp replaces whatever jlink left at lib/security/cacerts (a dangling link on Debian)
    data = fix_cacerts(data)
    diff_id = "sha256:" + hashlib.sha256(data).hexdigest()
    config = {"architecture": "amd64", "os": "linux",
              "config": {"User": "185", "WorkingDir": "/deployments",
                         "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu"]},
              "rootfs": {"type": "layers", "diff_ids": [diff_id]},
              "history": [{"created_by": "deploy/helm/images/offline-base-image.py (jlink of the local JDK 17)"}]}
    cfg = json.dumps(config).encode()
    cfg_name = hashlib.sha256(cfg).hexdigest() + ".json"
    manifest = json.dumps([{"Config": cfg_name, "RepoTags": ["mfs/offline-jre:17"], "Layers": ["layer.tar"]}]).encode()
    with tarfile.open(out, "w") as t:
        for name, blob in ((cfg_name, cfg), ("layer.tar", data), ("manifest.json", manifest)):
            info = tarfile.TarInfo(name); info.size = len(blob); info.mtime = 0
            t.addfile(info, io.BytesIO(blob))
    shutil.rmtree(work)
    print(f"{out}: {os.path.getsize(out) / 1e6:.1f} MB ({len(libs)} system libraries)")

def fix_cacerts(data):
    src = tarfile.open(fileobj=io.BytesIO(data))
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as t:
        for m in src.getmembers():
            if m.name == "opt/java/lib/security/cacerts":
                continue
            f = src.extractfile(m) if m.isfile() else None
            if m.name == "opt/java/lib/security/cacerts.tmp":
                m.name = "opt/java/lib/security/cacerts"
            t.addfile(m, f)
    return out.getvalue()

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
