package dev.interlink.link.flow;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a slow call (checking credentials with the provider takes seconds) off the UI thread and delivers the
 * outcome back under the UI lock. The browser picks the outcome up by polling while the call runs (no push:
 * nothing extra to get through the tenant's proxies and iframes).
 */
interface BackgroundWork {

    <T> void run(UI ui, Supplier<T> task, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure);

    /** For tests: runs the task on the calling thread. */
    static BackgroundWork inline() {
        return new BackgroundWork() {
            @Override
            public <T> void run(UI ui, Supplier<T> task, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure) {
                T result;
                try {
                    result = task.get();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                    return;
                }
                onSuccess.accept(result);
            }
        };
    }

    static BackgroundWork threads() {
        return Threads.INSTANCE;
    }

    final class Threads implements BackgroundWork {
        static final Threads INSTANCE = new Threads();
        private static final int POLL_MILLIS = 250;
        private final ExecutorService executor;

        private Threads() {
            AtomicInteger count = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "link-call-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public <T> void run(UI ui, Supplier<T> task, Consumer<T> onSuccess, Consumer<RuntimeException> onFailure) {
            ui.setPollInterval(POLL_MILLIS);
            executor.execute(() -> {
                T result = null;
                RuntimeException failure = null;
                try {
                    result = task.get();
                } catch (RuntimeException e) {
                    failure = e;
                }
                T finalResult = result;
                RuntimeException finalFailure = failure;
                try {
                    ui.access(() -> {
                        ui.setPollInterval(-1);
                        if (finalFailure != null) {
                            onFailure.accept(finalFailure);
                        } else {
                            onSuccess.accept(finalResult);
                        }
                    });
                } catch (UIDetachedException e) {
                    // the user closed the page while we were checking: nothing to show
                }
            });
        }
    }
}
