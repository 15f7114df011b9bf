package dev.interlink.platform.observability;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Carries an OpenTelemetry context with Micronaut's propagated context, so that it is current on whichever thread
 * runs the request (the controller runs on the I/O pool, not on the event loop that ran the filter), and so in the
 * provider pipeline that injects {@code traceparent}.
 */
record OtelContextElement(Context context) implements ThreadPropagatedContextElement<Scope> {
    @Override
    public Scope updateThreadContext() {
        return context.makeCurrent();
    }

    @Override
    public void restoreThreadContext(Scope scope) {
        scope.close();
    }
}
