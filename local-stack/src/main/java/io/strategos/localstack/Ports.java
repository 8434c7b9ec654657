package io.strategos.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/** Port helpers for processes started on loopback. */
public final class Ports {

    private Ports() {
    }

    /** A port that is free on 127.0.0.1 right now. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code preferred} if a server could bind it on 127.0.0.1 right now, else any free port. */
    public static int freeOr(int preferred) {
        try (ServerSocket socket = new ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException e) {
            return free();
        }
    }

    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until {@code port} accepts connections, failing early if {@code process} dies. */
    static void awaitListening(int port, Duration timeout, Process process, String what) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!isListening("127.0.0.1", port)) {
            if (!process.isAlive()) {
                throw new IOException(what + " exited with code " + process.exitValue() + " before listening on " + port);
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroyForcibly();
                throw new IOException(what + " did not listen on " + port + " within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
