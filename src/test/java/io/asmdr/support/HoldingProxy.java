package io.asmdr.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A loopback TCP proxy in front of an HTTP server that can hold traffic: every request whose request
 * line matches {@link #holdWhen}, or everything while {@link #pause}d, waits in the proxy (the client
 * has sent it; the server has not seen it) until {@link #release}. What a client abandons at its
 * deadline then still reaches the server later, as a slow network or proxy delivers it.
 */
public final class HoldingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile Predicate<String> hold = line -> false;
    private volatile Predicate<String> holdAnswer = line -> false;
    private volatile boolean paused;
    private volatile int held;
    /** How many releases there have been (guarded by gate): a request held at one generation goes once it moves on. */
    private int generation;

    public HoldingProxy(URI target) throws IOException {
        this.targetHost = target.getHost();
        this.targetPort = target.getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var accept = new Thread(this::accept, "holding-proxy");
        accept.setDaemon(true);
        accept.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Holds each request whose request line ({@code PUT /apis/...}) matches, from now until {@link #release}. */
    public void holdWhen(Predicate<String> requestLine) {
        hold = requestLine;
    }

    /**
     * Lets each request whose request line matches through, and holds the server's answer to it (and
     * whatever follows on that connection) until {@link #release}: a request that lands while its
     * client, past its deadline, has given up on the answer.
     */
    public void holdAnswerWhen(Predicate<String> requestLine) {
        holdAnswer = requestLine;
    }

    /** Holds everything sent to the server until {@link #release}. */
    public void pause() {
        paused = true;
    }

    /** Requests held so far. */
    public int held() {
        return held;
    }

    /** Lets everything held through, and holds nothing more. */
    public void release() {
        synchronized (gate) {
            hold = line -> false;
            holdAnswer = line -> false;
            paused = false;
            generation++;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                var client = server.accept();
                var upstream = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(upstream);
                var answers = new int[] {-1}; // the generation at which this connection's answers are held, or -1
                pump(client.getInputStream(), upstream.getOutputStream(), true, answers);
                pump(upstream.getInputStream(), client.getOutputStream(), false, answers);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean toServer, int[] answers) {
        var t = new Thread(() -> {
            var buffer = new byte[65536];
            boolean holding = false;
            int heldAt = 0;
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (toServer) {
                        var start = new String(buffer, 0, Math.min(n, 512), StandardCharsets.ISO_8859_1);
                        var line = start.contains("\r\n") ? start.substring(0, start.indexOf("\r\n")) : start;
                        synchronized (gate) {
                            if (!holding && hold.test(line)) {
                                holding = true; // this request and whatever follows it on this connection, until a release
                                heldAt = generation;
                                held++;
                            }
                            while (paused || holding && generation == heldAt) {
                                gate.wait();
                            }
                            holding = false;
                            if (holdAnswer.test(line)) {
                                answers[0] = generation;
                                held++;
                            }
                        }
                    } else {
                        synchronized (gate) {
                            while (answers[0] == generation) {
                                gate.wait();
                            }
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // a side closed
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // closed already
                }
            }
        }, "holding-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        release();
        server.close();
        for (var s : sockets) {
            s.close();
        }
    }
}
