package dev.interlink.platform.common;

import dev.interlink.model.error.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Request body limits by route, enforced on the connection before Micronaut buffers anything:
 * {@code micronaut.server.max-request-size} (30 MB) is only for the routes that take files — the attachment upload
 * ({@code POST /unified/ats/candidates/{id}/attachments}) and the proxy's {@code POST}/{@code PUT}/{@code PATCH} (the
 * providers' own file endpoints); every other route takes at most {@code interlink.request.max-bytes} (1 MB).
 *
 * <p>A declared {@code Content-Length} over the limit is answered at once with 413 {@code PLATFORM.PAYLOAD_TOO_LARGE}
 * and the connection is closed (the rest of the body is never read). A chunked body is counted as it arrives; when it
 * passes the limit the connection is closed, since the request is already on its way to the route.
 */
@Singleton
public class RequestSizeLimits implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    static final String HANDLER = "interlink-request-size";
    private static final Pattern UPLOAD = Pattern.compile("/unified/ats/candidates/[^/?]+/attachments/?");

    private final long smallLimit;
    private final long uploadLimit;

    public RequestSizeLimits(
            @Value("${interlink.request.max-bytes:1048576}") long smallLimit, HttpServerConfiguration server) {
        this.smallLimit = smallLimit;
        this.uploadLimit = Math.max(smallLimit, server.getMaxRequestSize());
    }

    /** The body limit of one request (by method and path, the query ignored). */
    public long limitFor(String method, String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (method.equals("POST") && UPLOAD.matcher(path).matches()) return uploadLimit;
        if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) && path.startsWith("/proxy/")) {
            return uploadLimit;
        }
        return smallLimit;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(@NonNull BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public @NonNull NettyServerCustomizer specializeForChannel(
                @NonNull Channel channel, @NonNull ChannelRole role) {
            return new Customizer(channel);
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel == null) return;
            ChannelPipeline pipeline = channel.pipeline();
            if (pipeline.get(HANDLER) != null) return;
            if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null) {
                pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER, new Limiter());
            } else if (pipeline.get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND) != null) {
                pipeline.addBefore(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND, HANDLER, new Limiter());
            }
        }
    }

    /** One per connection: HTTP/1.1 requests on a connection arrive one after the other. */
    final class Limiter extends ChannelInboundHandlerAdapter {
        private long limit;
        private long seen;
        private boolean discarding;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                discarding = false;
                seen = 0;
                limit = limitFor(request.method().name(), request.uri());
                long declared = HttpUtil.getContentLength(request, -1L);
                if (declared > limit) {
                    discarding = true;
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, request, declared);
                    return;
                }
            }
            if (discarding) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpContent content) {
                seen += content.content().readableBytes();
                if (seen > limit) {
                    discarding = true;
                    ReferenceCountUtil.release(msg);
                    ctx.close(); // the head has gone on already: no clean answer is possible, only no more bytes
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        private void refuse(ChannelHandlerContext ctx, HttpRequest request, long declared) {
            ErrorCode code = ErrorCode.PLATFORM_PAYLOAD_TOO_LARGE;
            String json = "{\"type\":\"about:blank\",\"title\":\"" + code.title() + "\",\"status\":" + code.status()
                    + ",\"code\":\"" + code.code() + "\",\"detail\":\"The request body is " + declared
                    + " bytes; this route takes at most " + limit + " bytes\",\"max_bytes\":" + limit
                    + ",\"request_id\":\"" + Ids.random("req_", 12) + "\"}";
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            if (request.method().equals(HttpMethod.HEAD)) response.content().clear();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
