package org.mfs.deploy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks, before anything starts, that every port the stack will listen on is free. */
final class Ports {

    private Ports() {
    }

    /**
     * True when nothing listens on {@code port}, on any address: binding the wildcard address fails on Linux
     * when any socket listens on that port (SO_REUSEADDR only lets one reuse a port in TIME_WAIT), and a
     * connection to the loopback address succeeds when something answers there.
     */
    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
        } catch (IOException taken) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return false;
        } catch (IOException nobodyThere) {
            return true;
        }
    }

    /** The lines that name every taken port and what the stack wanted it for; empty when all are free. */
    static List<String> taken(Map<Integer, String> wanted) {
        List<String> problems = new ArrayList<>();
        wanted.forEach((port, what) -> {
            if (!isFree(port)) {
                problems.add("port " + port + " (for " + what + ") is already in use");
            }
        });
        return problems;
    }
}
