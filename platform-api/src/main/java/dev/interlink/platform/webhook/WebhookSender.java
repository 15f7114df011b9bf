package dev.interlink.platform.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one webhook POST over a connection we control end to end: the host is resolved once, every resolved
 * address is checked with {@link EgressGuard}, and the socket connects to the checked address (so a DNS answer
 * that changes between check and connect cannot redirect us). TLS still verifies the certificate for the host
 * name (SNI + endpoint identification), and the {@code Host} header names the host. Redirects are never followed
 * (a 3xx is a failed attempt), and at most {@link #MAX_RESPONSE_BYTES} of the answer body are read.
 *
 * <p>A small HTTP/1.1 client instead of {@code java.net.http}: the JDK client cannot be told which address to
 * connect to, which is the point of pinning.
 */
public class WebhookSender {
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    public static final int EXCERPT_BYTES = 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** How host names become addresses (replaceable in tests to simulate DNS answers). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What came back: a status, or an error when no HTTP answer was read. */
    public record Result(Integer status, String excerpt, String error, long bodyBytesRead, long durationMs) {
        public boolean success() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final Resolver resolver;
    private final WebhookUrls urls;
    private final int timeoutMillis;

    public WebhookSender(Resolver resolver, WebhookUrls urls, int timeoutMillis) {
        this.resolver = resolver;
        this.urls = urls;
        this.timeoutMillis = timeoutMillis;
    }

    /** Thrown for an address we refuse to reach; the message is safe to store and show. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    public Result send(String url, Map<String, String> headers, byte[] body) {
        long start = System.nanoTime();
        try {
            URI uri = new URI(url);
            String problem = urls.problem(url);
            if (problem != null) {
                throw new Refused("the URL " + problem);
            }
            String host = uri.getHost();
            boolean https = uri.getScheme().equalsIgnoreCase("https");
            int port = uri.getPort() != -1 ? uri.getPort() : (https ? 443 : 80);
            InetAddress address = pick(host);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            try (Socket socket = open(address, host, port, https)) {
                write(socket.getOutputStream(), uri, host, port, https, headers, body);
                return read(socket, deadline, start);
            }
        } catch (Refused e) {
            return new Result(null, null, e.getMessage(), 0, millis(start));
        } catch (SocketTimeoutException e) {
            return new Result(null, null, "timed out after " + timeoutMillis + " ms", 0, millis(start));
        } catch (UnknownHostException e) {
            return new Result(null, null, "the host name did not resolve", 0, millis(start));
        } catch (Exception e) {
            return new Result(null, null, describe(e), 0, millis(start));
        }
    }

    /** The address to connect to: all resolved addresses must be allowed (no mixing a public and a private one). */
    InetAddress pick(String host) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = resolver.resolve(name);
        if (all.length == 0) {
            throw new UnknownHostException(name);
        }
        boolean devLoopback = urls.devLoopbackHost(host);
        for (InetAddress a : all) {
            if (EgressGuard.forbidden(a) && !(devLoopback && a.isLoopbackAddress())) {
                throw new Refused("the host resolves to a non-public address (" + a.getHostAddress() + ")");
            }
        }
        return all[0];
    }

    private Socket open(InetAddress address, String host, int port, boolean https) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            plain.setTcpNoDelay(true);
            if (!https) {
                return plain;
            }
            SSLSocket tls = (SSLSocket)
                    ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
            SSLParameters params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // verify the certificate names the host
            if (!Character.isDigit(host.charAt(0)) && !host.startsWith("[")) {
                params.setServerNames(List.of(new SNIHostName(host)));
            }
            tls.setSSLParameters(params);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static void write(
            OutputStream out, URI uri, String host, int port, boolean https, Map<String, String> headers, byte[] body)
            throws IOException {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        StringBuilder head = new StringBuilder();
        head.append("POST ").append(path).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host).append(defaultPort ? "" : ":" + port).append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: close\r\n\r\n");
        // one write: a separate body segment would wait for the peer's delayed ACK (Nagle), ~40 ms per request
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        out.write(request);
        out.flush();
    }

    private Result read(Socket socket, long deadline, long start) throws IOException {
        InputStream in = new DeadlineInputStream(socket, deadline);
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            return new Result(null, null, "the answer is not HTTP/1.x", 0, millis(start));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return new Result(null, null, "the answer has no valid status code", 0, millis(start));
        }
        long contentLength = -1;
        boolean chunked = false;
        int headerBytes = statusLine.length();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            headerBytes += h.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                return new Result(status, null, "the answer's headers exceed 16 KB", 0, millis(start));
            }
            int colon = h.indexOf(':');
            if (colon <= 0) continue;
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException ignored) {
                    contentLength = -1;
                }
            } else if (name.equals("transfer-encoding")
                    && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        String error = null;
        try {
            if (chunked) {
                readChunked(in, bodyBytes);
            } else {
                copy(
                        in,
                        bodyBytes,
                        contentLength < 0 ? MAX_RESPONSE_BYTES : Math.min(contentLength, MAX_RESPONSE_BYTES));
            }
        } catch (SocketTimeoutException e) {
            error = "the answer's body did not arrive within " + timeoutMillis + " ms";
        } catch (IOException e) {
            // the status already arrived; a body cut short does not change the outcome
        }
        return new Result(status, excerpt(bodyBytes.toByteArray()), error, bodyBytes.size(), millis(start));
    }

    private static void readChunked(InputStream in, ByteArrayOutputStream out) throws IOException {
        while (out.size() < MAX_RESPONSE_BYTES) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                return;
            }
            copy(in, out, Math.min(size, MAX_RESPONSE_BYTES - out.size()));
            if (out.size() >= MAX_RESPONSE_BYTES) {
                return;
            }
            line(in); // CRLF after the chunk
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long left = max;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) return;
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') sb.append((char) c);
            if (sb.length() > MAX_HEADER_BYTES) throw new IOException("header line too long");
        }
        if (c == -1 && sb.length() == 0) {
            throw new IOException("the connection closed before an answer");
        }
        return sb.toString();
    }

    /** The first {@link #EXCERPT_BYTES} bytes as text, cut on a character boundary. */
    static String excerpt(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, EXCERPT_BYTES + 4), StandardCharsets.UTF_8);
        while (text.getBytes(StandardCharsets.UTF_8).length > EXCERPT_BYTES) {
            text = text.substring(0, text.length() - 1);
        }
        return text.replace('\u0000', ' ');
    }

    private static String describe(Exception e) {
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) return "connection refused";
        if (e instanceof javax.net.ssl.SSLException) return "TLS failed: " + kind;
        return "connection failed: " + kind;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Reads with a per-read timeout that never extends past the attempt's deadline (slow-drip answers). */
    private static final class DeadlineInputStream extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final long deadline;

        DeadlineInputStream(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.deadline = deadline;
        }

        private void arm() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new SocketTimeoutException("deadline");
            socket.setSoTimeout((int) Math.max(1, left));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }
    }
}
