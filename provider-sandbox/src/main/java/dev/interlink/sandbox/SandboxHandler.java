package dev.interlink.sandbox;

import dev.interlink.sandbox.common.Req;
import dev.interlink.sandbox.common.Resp;
import dev.interlink.sandbox.common.TraceLog;
import dev.interlink.sandbox.control.ControlApi;
import dev.interlink.sandbox.spi.SimulatedProvider;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Jetty entry point: reads the request fully, dispatches by prefix, writes the result or simulates a fault. */
final class SandboxHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxHandler.class);

    private final List<SimulatedProvider> providers;
    private final ControlApi control;
    private final TraceLog traces;

    SandboxHandler(List<SimulatedProvider> providers, ControlApi control, TraceLog traces) {
        this.providers = providers;
        this.control = control;
        this.traces = traces;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path == null) path = "/";
        HttpFields headers = request.getHeaders();
        byte[] body = org.eclipse.jetty.util.BufferUtil.toArray(Content.Source.asByteBuffer(request));
        String host = headers.get("Host");
        String origin = (request.isSecure() ? "https://" : "http://") + (host == null ? "127.0.0.1" : host);
        Resp resp = null;
        try {
            for (SimulatedProvider p : providers) {
                if (!p.claims(path)) continue;
                String mount = p.mountPath();
                traces.record(headers.get("traceparent"));
                resp = p.handle(req(request, path.substring(mount.length()), headers, body, origin + mount));
                break;
            }
            if (resp == null) {
                if (path.startsWith("/_sandbox")) resp = control.handle(req(request, path, headers, body, origin));
                else resp = Resp.json(404, Map.of("message", "Not found."));
            }
        } catch (RuntimeException e) {
            LOG.warn("unhandled error on {} {}", request.getMethod(), path, e);
            resp = Resp.html(500, "Internal Server Error");
        }
        switch (resp.kind) {
            case HANG:
                // never complete the callback: the client sees no response until it gives up
                // (Jetty's idle timeout eventually closes the connection)
                return true;
            case RESET:
                reset(request);
                // the connection is gone; succeeding quietly avoids Jetty trying to write an error page to it
                callback.succeeded();
                return true;
            default:
                break;
        }
        response.setStatus(resp.status);
        resp.headers.forEach((k, v) -> response.getHeaders().put(k, v));
        response.getHeaders().put("Content-Length", String.valueOf(resp.body.length));
        response.write(true, ByteBuffer.wrap(resp.body), callback);
        return true;
    }

    private static Req req(Request r, String sub, HttpFields h, byte[] body, String base) {
        return new Req(
                r.getMethod(),
                sub.isEmpty() ? "/" : sub,
                r.getHttpURI().getQuery(),
                h::get,
                body,
                h.get("Content-Type"),
                base);
    }

    /** RST instead of FIN: SO_LINGER 0 then close (the closest a server gets to "connection reset by peer"). */
    private static void reset(Request request) {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        try {
            if (ep instanceof SocketChannelEndPoint s) {
                s.getChannel().setOption(StandardSocketOptions.SO_LINGER, 0);
                s.getChannel().close();
            }
        } catch (Exception ignored) {
            // closing anyway below
        }
        ep.close();
    }
}
