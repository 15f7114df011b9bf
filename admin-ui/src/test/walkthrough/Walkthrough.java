import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scripted screenshot walkthrough over the Chrome DevTools Protocol (JDK only, no Selenium):
 * java admin-ui/src/test/walkthrough/Walkthrough.java http://127.0.0.1:8082 admin@acme.test 'password' admin-ui/target/screenshots
 * Needs a headless Chromium started with --remote-debugging-port=9222.
 */
public class Walkthrough {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final AtomicInteger IDS = new AtomicInteger();
    static final ConcurrentHashMap<Integer, CompletableFuture<String>> PENDING = new ConcurrentHashMap<>();
    static WebSocket ws;

    public static void main(String[] a) throws Exception {
        String ui = a[0], email = a[1], password = a[2];
        Path out = Path.of(a[3]);
        Files.createDirectories(out);
        String target = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9222/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(target);
        m.find();
        ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(m.group(1)), new WebSocket.Listener() {
            StringBuilder buf = new StringBuilder();
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    String msg = buf.toString();
                    buf = new StringBuilder();
                    Matcher id = Pattern.compile("^\\{\"id\":(\\d+)").matcher(msg);
                    if (id.find()) {
                        CompletableFuture<String> f = PENDING.remove(Integer.parseInt(id.group(1)));
                        if (f != null) f.complete(msg);
                    }
                }
                w.request(1);
                return null;
            }
        }).get();
        call("Emulation.setDeviceMetricsOverride", "{\"width\":1366,\"height\":900,\"deviceScaleFactor\":1,\"mobile\":false}");
        go(ui + "/signin");
        shot(out, "01-sign-in");
        js("(() => { const e = document.querySelector('#email'); e.value = " + q(email) + "; e.dispatchEvent(new Event('change'));"
                + " const p = document.querySelector('#password'); p.value = " + q(password) + "; p.dispatchEvent(new Event('change'));"
                + " document.querySelector('#sign-in').click(); })()");
        Thread.sleep(3000);
        shot(out, "02-overview");
        go(ui + "/accounts");
        shot(out, "03-accounts");
        js("(() => { const c = document.querySelector('#filter-status'); c.value = 'needs_reauth'; c.dispatchEvent(new Event('change')); })()");
        Thread.sleep(2000);
        shot(out, "04-accounts-needs-reauth");
        go(ui + "/logs");
        shot(out, "05-logs");
        go(ui + "/api-clients");
        shot(out, "06-api-clients");
        go(ui + "/settings");
        shot(out, "07-settings");
        System.exit(0);
    }

    static String q(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static void go(String url) throws Exception {
        call("Page.navigate", "{\"url\":" + "\"" + url + "\"}");
        Thread.sleep(3500);
    }

    static void js(String expression) throws Exception {
        call("Runtime.evaluate", "{\"expression\":" + json(expression) + "}");
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void shot(Path out, String name) throws Exception {
        String r = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Matcher m = Pattern.compile("\"data\":\"([^\"]+)\"").matcher(r);
        m.find();
        Files.write(out.resolve(name + ".png"), Base64.getDecoder().decode(m.group(1)));
        System.out.println("saved " + name);
    }

    static String call(String method, String params) throws Exception {
        int id = IDS.incrementAndGet();
        CompletableFuture<String> f = new CompletableFuture<>();
        PENDING.put(id, f);
        ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true).get();
        return f.get(30, TimeUnit.SECONDS);
    }
}
