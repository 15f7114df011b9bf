/*
 * Demo host: a pretend tenant app ("Acme HR") that embeds the Interlink link flow. NOT part of the product
 * surface: it exists for the local demo (`./interlink up`) and for the browser end-to-end tests (e2e/).
 *
 *   java scripts/demo-host/DemoHost.java [path/to/demo-tenant.json]
 *
 * No dependencies (JDK source launcher, com.sun.net.httpserver). Environment:
 *   INTERLINK_DEMO_HOST_PORT    listen port (default 8095)
 *   INTERLINK_DEMO_HOST_HOST    bind address (default 127.0.0.1)
 *   INTERLINK_API_URL           platform-api base URL (default http://127.0.0.1:8080)
 *   INTERLINK_LINK_UI_URL       link-ui base URL, where the SDK is loaded from (default http://127.0.0.1:8081)
 *   INTERLINK_DEMO_CLIENT_ID / INTERLINK_DEMO_CLIENT_SECRET   the tenant's API client, or else
 *   INTERLINK_DEMO_TENANT_FILE  a JSON file with client_id / client_secret (default: the first argument, then
 *                               $INTERLINK_HOME/demo-tenant.json, then .interlink/demo-tenant.json)
 *
 * Routes:
 *   GET  /                      the host page; its query string is passed on to /api/link-token
 *   POST /api/link-token        client credentials -> JWT -> POST /link-tokens; answers {"link_token": "..."}
 *                               (optional query: end_user_id, providers=cats,loxo, expires_in, integrated_account_id)
 *   POST /webhooks              where Interlink delivers this tenant's events (Standard Webhooks signature checked)
 *   GET  /api/events            the last 50 received events, newest first, for the page's live list
 *   GET  /healthz               {"status":"ok"}
 * On start it subscribes itself: POST /webhook-endpoints for every event type, pointing at its own /webhooks (dev mode
 * lets Interlink deliver to http://127.0.0.1), replacing the endpoint a previous run left behind.
 * The client secret and the webhook signing secret never leave this process.
 */
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class DemoHost {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final HttpClient HTTP =
            // HTTP/1.1: the JDK's default h2c upgrade attempt on plain http is an extra round trip per connection.
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(3))
                    .build();

    private final String apiUrl;
    private final String linkUiUrl;
    private final String tenantFileArg;
    private String accessToken;
    private Instant accessTokenExpires = Instant.EPOCH;
    /** Received events (JSON objects as text), newest first. */
    private final java.util.Deque<String> events = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile byte[] webhookKey;
    private static final String ENDPOINT_DESCRIPTION = "Acme HR demo host (live events)";

    DemoHost(String apiUrl, String linkUiUrl, String tenantFileArg) {
        this.apiUrl = stripSlash(apiUrl);
        this.linkUiUrl = stripSlash(linkUiUrl);
        this.tenantFileArg = tenantFileArg;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("INTERLINK_DEMO_HOST_PORT", "8095"));
        String bind = env("INTERLINK_DEMO_HOST_HOST", "127.0.0.1");
        String linkUi = env("INTERLINK_LINK_UI_URL", "http://127.0.0.1:8081");
        URI linkUiUri = URI.create(linkUi);
        if (!"http".equals(linkUiUri.getScheme()) && !"https".equals(linkUiUri.getScheme())) {
            throw new IllegalArgumentException("INTERLINK_LINK_UI_URL must be an http(s) URL");
        }
        DemoHost host = new DemoHost(
                env("INTERLINK_API_URL", "http://127.0.0.1:8080"), linkUi, args.length > 0 ? args[0] : null);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        server.createContext("/", host::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        host.subscribeInBackground(server.getAddress().getPort());
        System.out.println("Demo host (Acme HR) on http://" + ("127.0.0.1".equals(bind) ? "localhost" : bind) + ":"
                + server.getAddress().getPort() + "/  (platform-api " + host.apiUrl + ", link-ui " + host.linkUiUrl
                + ")");
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (path.equals("/healthz")) {
                send(ex, 200, "application/json", "{\"status\":\"ok\"}");
            } else if ((path.equals("/") || path.equals("/index.html")) && method.equals("GET")) {
                send(ex, 200, "text/html; charset=utf-8", page());
            } else if (path.equals("/api/link-token") && method.equals("POST")) {
                linkToken(ex);
            } else if (path.equals("/webhooks") && method.equals("POST")) {
                receive(ex);
            } else if (path.equals("/api/events") && method.equals("GET")) {
                send(ex, 200, "application/json", "[" + String.join(",", events) + "]");
            } else if (path.equals("/favicon.ico")) {
                send(ex, 204, "text/plain", "");
            } else {
                send(ex, 404, "application/json", "{\"error\":\"not found\"}");
            }
        } catch (RuntimeException e) {
            System.err.println("Demo host error: " + e);
            send(ex, 500, "application/json", "{\"error\":" + quote(String.valueOf(e.getMessage())) + "}");
        } finally {
            ex.close();
        }
    }

    // --- POST /api/link-token ------------------------------------------------------------------------------

    private void linkToken(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI().getRawQuery());
        String endUserId = query.getOrDefault("end_user_id", "demo-user");
        if (!SAFE_ID.matcher(endUserId).matches()) {
            send(ex, 400, "application/json", "{\"error\":\"bad end_user_id\"}");
            return;
        }
        StringBuilder body = new StringBuilder("{\"end_user\":{\"id\":")
                .append(quote(endUserId))
                .append(",\"name\":\"Dana Demo\",\"email\":\"dana@acme.example\"}");
        if (query.containsKey("providers")) {
            List<String> providers = new ArrayList<>();
            for (String p : query.get("providers").split(",")) {
                if (!SAFE_ID.matcher(p).matches()) {
                    send(ex, 400, "application/json", "{\"error\":\"bad providers\"}");
                    return;
                }
                providers.add(quote(p));
            }
            body.append(",\"providers\":[").append(String.join(",", providers)).append(']');
        }
        if (query.containsKey("expires_in")) {
            if (!query.get("expires_in").matches("\\d{1,7}")) {
                send(ex, 400, "application/json", "{\"error\":\"bad expires_in\"}");
                return;
            }
            body.append(",\"expires_in\":").append(query.get("expires_in"));
        }
        if (query.containsKey("integrated_account_id")) {
            if (!SAFE_ID.matcher(query.get("integrated_account_id")).matches()) {
                send(ex, 400, "application/json", "{\"error\":\"bad integrated_account_id\"}");
                return;
            }
            body.append(",\"integrated_account_id\":").append(quote(query.get("integrated_account_id")));
        }
        body.append('}');
        try {
            String jwt = accessToken();
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(apiUrl + "/link-tokens"))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + jwt)
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = response.statusCode() / 100 == 2 ? field(response.body(), "link_token") : null;
            if (token == null) {
                System.err.println("POST /link-tokens answered " + response.statusCode() + ": " + response.body());
                send(ex, 502, "application/json", "{\"error\":\"POST /link-tokens answered " + response.statusCode()
                        + "\",\"platform_response\":" + quote(response.body()) + "}");
                return;
            }
            // Only the link token goes to the browser: the secret and the JWT stay here.
            send(ex, 200, "application/json", "{\"link_token\":" + quote(token) + "}");
        } catch (PlatformException e) {
            System.err.println(e.getMessage());
            send(ex, 502, "application/json", "{\"error\":" + quote(e.getMessage()) + "}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(ex, 503, "application/json", "{\"error\":\"interrupted\"}");
        } catch (IOException e) {
            send(ex, 502, "application/json", "{\"error\":" + quote("platform-api unreachable at " + apiUrl) + "}");
        }
    }

    private synchronized String accessToken() throws IOException, InterruptedException {
        if (accessToken != null && Instant.now().isBefore(accessTokenExpires)) {
            return accessToken;
        }
        String[] client = clientCredentials();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(client[0], StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(client[1], StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(apiUrl + "/oauth/token"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String token = response.statusCode() == 200 ? field(response.body(), "access_token") : null;
        if (token == null) {
            throw new PlatformException("POST /oauth/token answered " + response.statusCode() + ": " + response.body());
        }
        String expiresIn = number(response.body(), "expires_in");
        long ttl = expiresIn == null ? 300 : Long.parseLong(expiresIn);
        accessToken = token;
        accessTokenExpires = Instant.now().plusSeconds(Math.max(0, ttl - 60));
        return token;
    }

    private String[] clientCredentials() throws IOException {
        String id = System.getenv("INTERLINK_DEMO_CLIENT_ID");
        String secret = System.getenv("INTERLINK_DEMO_CLIENT_SECRET");
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
            return new String[] {id.trim(), secret.trim()};
        }
        List<Path> candidates = new ArrayList<>();
        if (tenantFileArg != null) candidates.add(Path.of(tenantFileArg));
        String file = System.getenv("INTERLINK_DEMO_TENANT_FILE");
        if (file != null && !file.isBlank()) candidates.add(Path.of(file.trim()));
        String home = System.getenv("INTERLINK_HOME");
        if (home != null && !home.isBlank()) candidates.add(Path.of(home.trim(), "demo-tenant.json"));
        candidates.add(Path.of(".interlink", "demo-tenant.json"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                String json = Files.readString(p);
                String cid = field(json, "client_id");
                String cs = field(json, "client_secret");
                if (cid != null && cs != null) return new String[] {cid, cs};
                throw new PlatformException(p + " has no client_id/client_secret");
            }
        }
        throw new PlatformException("No tenant API client: set INTERLINK_DEMO_CLIENT_ID/INTERLINK_DEMO_CLIENT_SECRET or"
                + " INTERLINK_DEMO_TENANT_FILE (looked in " + candidates + ")");
    }

    // --- webhooks: subscribe, receive, verify ------------------------------------------------------------------

    /** Retries until platform-api and the tenant exist (the demo host may start first). */
    private void subscribeInBackground(int port) {
        Thread t = new Thread(() -> {
            for (int attempt = 0; attempt < 120; attempt++) {
                try {
                    subscribe(port);
                    System.out.println("Demo host subscribed to Interlink events at http://127.0.0.1:" + port
                            + "/webhooks");
                    return;
                } catch (Exception e) {
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
            System.err.println("Demo host could not subscribe to Interlink events (is platform-api in dev mode?)");
        }, "subscribe");
        t.setDaemon(true);
        t.start();
    }

    private void subscribe(int port) throws IOException, InterruptedException {
        String jwt = accessToken();
        // our endpoint from a previous run: its secret is gone, so replace it
        HttpResponse<String> list = api("GET", "/webhook-endpoints?limit=100", jwt, null);
        Matcher m = Pattern.compile("\\{[^{}]*\"id\"\\s*:\\s*\"([^\"]+)\"[^{}]*\"description\"\\s*:\\s*\""
                        + Pattern.quote(ENDPOINT_DESCRIPTION) + "\"")
                .matcher(list.body());
        while (m.find()) {
            api("DELETE", "/webhook-endpoints/" + m.group(1), jwt, null);
        }
        HttpResponse<String> types = api("GET", "/webhook-event-types", jwt, null);
        List<String> names = new ArrayList<>();
        Matcher t = Pattern.compile("\"type\"\\s*:\\s*\"([a-z0-9_.]+)\"").matcher(types.body());
        while (t.find()) {
            if (!t.group(1).equals("webhook.test")) names.add(quote(t.group(1)));
        }
        String body = "{\"url\":" + quote("http://127.0.0.1:" + port + "/webhooks") + ",\"event_types\":["
                + String.join(",", names) + "],\"description\":" + quote(ENDPOINT_DESCRIPTION) + "}";
        HttpResponse<String> created = api("POST", "/webhook-endpoints", jwt, body);
        String secret = created.statusCode() == 201 ? field(created.body(), "secret") : null;
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new PlatformException("POST /webhook-endpoints answered " + created.statusCode());
        }
        webhookKey = java.util.Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private HttpResponse<String> api(String method, String path, String jwt, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + jwt)
                .header("Accept", "application/json");
        if (body != null) request.header("Content-Type", "application/json");
        return HTTP.send(
                request.method(method, body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Standard Webhooks: v1 = base64 HMAC-SHA256 of "id.timestamp.body"; any listed signature may match. */
    private void receive(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readNBytes(256 * 1024);
        String id = ex.getRequestHeaders().getFirst("webhook-id");
        String timestamp = ex.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = ex.getRequestHeaders().getFirst("webhook-signature");
        byte[] key = webhookKey;
        if (key == null || id == null || timestamp == null || signatures == null
                || !signed(key, id, timestamp, raw, signatures)) {
            send(ex, 401, "application/json", "{\"error\":\"bad signature\"}");
            return;
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        String type = field(body, "type");
        events.addFirst("{\"id\":" + quote(id) + ",\"type\":" + quote(type == null ? "?" : type)
                + ",\"received_at\":" + quote(Instant.now().toString()) + ",\"body\":" + quote(body) + "}");
        while (events.size() > 50) events.pollLast();
        send(ex, 204, "text/plain", "");
    }

    static boolean signed(byte[] key, String id, String timestamp, byte[] body, String header) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String part : header.split(" ")) {
                if (part.startsWith("v1,")
                        && java.security.MessageDigest.isEqual(
                                expected, java.util.Base64.getDecoder().decode(part.substring(3)))) {
                    return true;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return false;
    }

    // --- the page -----------------------------------------------------------------------------------------------

    private String page() {
        return PAGE.replace("{{LINK_UI}}", html(linkUiUrl));
    }

    private static final String PAGE = """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Acme HR — connect your ATS</title>
            <style>
              :root { --ink:#1f2430; --muted:#5b6475; --brand:#4f46e5; --ok:#0f7b4b; --bad:#b42318; }
              * { box-sizing: border-box; }
              body { margin:0; font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink);
                     background:linear-gradient(160deg,#eef2ff 0%,#f8fafc 55%,#ecfdf5 100%); min-height:100vh; }
              header { display:flex; align-items:center; gap:12px; padding:18px 32px; background:#fff;
                       box-shadow:0 1px 0 rgba(0,0,0,.06); }
              .logo { width:36px; height:36px; border-radius:10px; background:var(--brand); color:#fff;
                      display:grid; place-items:center; font-weight:700; }
              header strong { font-size:18px; }
              header span.tag { margin-left:auto; font-size:12px; color:var(--muted); border:1px dashed #cbd5e1;
                                padding:2px 8px; border-radius:999px; }
              main { max-width:760px; margin:48px auto; padding:0 24px; }
              .card { background:#fff; border-radius:18px; padding:32px; box-shadow:0 12px 40px rgba(15,23,42,.08); }
              h1 { margin:0 0 8px; font-size:28px; }
              p.lead { margin:0 0 24px; color:var(--muted); }
              .buttons { display:flex; gap:12px; flex-wrap:wrap; }
              button { font:inherit; font-weight:600; border:0; border-radius:12px; padding:12px 20px; cursor:pointer; }
              button.primary { background:var(--brand); color:#fff; }
              button.secondary { background:#e0e7ff; color:#312e81; }
              button:disabled { opacity:.5; cursor:progress; }
              button:focus-visible { outline:3px solid #a5b4fc; outline-offset:2px; }
              #status { margin-top:16px; color:var(--muted); min-height:24px; }
              .result { margin-top:20px; padding:16px 18px; border-radius:12px; display:none; }
              .result.show { display:block; }
              #result { background:#ecfdf5; border:1px solid #a7f3d0; color:var(--ok); }
              #error { background:#fef3f2; border:1px solid #fecdca; color:var(--bad); }
              code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,monospace; font-size:13px; }
              pre { background:#0f172a; color:#e2e8f0; padding:16px; border-radius:12px; margin:24px 0 0;
                    white-space:pre-wrap; word-break:break-word; }
              .card.events { margin-top:24px; }
              .card.events h2 { margin:0 0 8px; font-size:20px; }
              #events { list-style:none; margin:0; padding:0; }
              #events li { border-top:1px solid #e2e8f0; padding:10px 0; }
              #events li strong { color:var(--brand); }
              #events li small { color:var(--muted); margin-left:8px; }
              #events li code { display:block; margin-top:4px; color:var(--muted); word-break:break-all; }
              footer { text-align:center; color:var(--muted); font-size:13px; margin:32px 0; }
            </style>
            </head>
            <body data-ready="false">
            <header><div class="logo">A</div><strong>Acme HR</strong>
              <span class="tag">demo host page · not part of Interlink</span></header>
            <main>
              <div class="card">
                <h1>Connect your ATS</h1>
                <p class="lead">Bring your candidates and jobs into Acme HR. Connect CATS or Loxo in a few seconds:
                   your credentials go to Interlink, never to us.</p>
                <div class="buttons">
                  <button id="connect-modal" class="primary" disabled>Connect (modal)</button>
                  <button id="connect-popup" class="secondary" disabled>Connect (popup)</button>
                </div>
                <div id="status" role="status">Preparing a connection link…</div>
                <div id="result" class="result" role="status">
                  Connected <strong id="result-provider"></strong> — account <code id="result-account-id"></code>
                </div>
                <div id="error" class="result" role="alert">
                  Not connected: <strong id="error-type"></strong> <code id="error-code"></code>
                </div>
                <pre>&lt;script src="{{LINK_UI}}/interlink-link.js"&gt;&lt;/script&gt;
            button.onclick = () =&gt; Interlink.link({ linkToken, mode: 'modal' })
              .then(({ integrated_account_id, provider }) =&gt; save(integrated_account_id, provider));</pre>
              </div>
              <div class="card events">
                <h2>Live events</h2>
                <p class="lead">What Interlink pushed to this app's webhook endpoint (signature checked), newest first:
                   connect an account, or move a candidate to another stage in the sandbox.</p>
                <ul id="events"><li class="empty">No events yet.</li></ul>
              </div>
              <footer>The link token comes from this page's backend (POST /api/link-token), which holds the API secret.</footer>
            </main>
            <script src="{{LINK_UI}}/interlink-link.js"></script>
            <script>
              (function () {
                var linkToken = null;
                var modal = document.getElementById('connect-modal');
                var popup = document.getElementById('connect-popup');
                var status = document.getElementById('status');

                function ready(on) {
                  modal.disabled = popup.disabled = !on;
                  document.body.setAttribute('data-ready', on ? 'true' : 'false');
                }

                // Fetched before the click: popup mode must open its window synchronously in the click handler.
                // A failed fetch is retried with backoff (a busy or restarting platform-api must not leave the
                // page dead until reloaded); the status line says what went wrong meanwhile.
                function prefetch(attempt) {
                  attempt = attempt || 0;
                  ready(false);
                  linkToken = null;
                  fetch('/api/link-token' + location.search, { method: 'POST' })
                    .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
                    .then(function (r) {
                      if (!r.ok || !r.body.link_token) throw new Error(r.body.error || 'no link token');
                      linkToken = r.body.link_token;
                      status.textContent = 'Ready.';
                      ready(true);
                    })
                    .catch(function (e) {
                      var delay = Math.min(8000, 500 * Math.pow(2, attempt));
                      status.textContent = 'Could not get a link token: ' + e.message + ' (retrying in '
                          + Math.round(delay / 1000) + ' s)';
                      setTimeout(function () { prefetch(attempt + 1); }, delay);
                    });
                }

                function show(id, shown) { document.getElementById(id).classList.toggle('show', shown); }

                function connect(mode) {
                  if (!linkToken) return;
                  show('result', false); show('error', false);
                  status.textContent = 'Connecting…';
                  Interlink.link({ linkToken: linkToken, mode: mode })
                    .then(function (r) {
                      document.getElementById('result-provider').textContent = r.provider;
                      document.getElementById('result-account-id').textContent = r.integrated_account_id;
                      var box = document.getElementById('result');
                      box.setAttribute('data-account-id', r.integrated_account_id);
                      box.setAttribute('data-provider', r.provider);
                      show('result', true);
                      status.textContent = 'Done.';
                    })
                    .catch(function (e) {
                      document.getElementById('error-type').textContent = e.type || 'failed';
                      document.getElementById('error-code').textContent = e.code || '';
                      var box = document.getElementById('error');
                      box.setAttribute('data-type', e.type || 'failed');
                      box.setAttribute('data-code', e.code || '');
                      show('error', true);
                      status.textContent = '';
                    })
                    .then(function () { prefetch(0); }); // a link token works once
                }

                modal.addEventListener('click', function () { connect('modal'); });
                popup.addEventListener('click', function () { connect('popup'); });
                prefetch(0);

                // Live events: the page asks its own backend, which received them (never Interlink directly).
                var list = document.getElementById('events');
                function renderEvents(items) {
                  if (!items.length) return;
                  list.textContent = '';
                  items.forEach(function (e) {
                    var li = document.createElement('li');
                    li.setAttribute('data-type', e.type);
                    var strong = document.createElement('strong');
                    strong.textContent = e.type;
                    var when = document.createElement('small');
                    when.textContent = e.received_at;
                    var code = document.createElement('code');
                    code.textContent = e.body.length > 400 ? e.body.slice(0, 400) + '…' : e.body;
                    li.appendChild(strong); li.appendChild(when); li.appendChild(code);
                    list.appendChild(li);
                  });
                }
                function pollEvents() {
                  fetch('/api/events').then(function (r) { return r.json(); }).then(renderEvents)
                    .catch(function () {}).then(function () { setTimeout(pollEvents, 2000); });
                }
                pollEvents();
              })();
            </script>
            </body>
            </html>
            """;

    // --- tiny helpers (no JSON library on purpose: this file runs with the bare JDK) -----------------------------

    static final class PlatformException extends IOException {
        PlatformException(String message) {
            super(message);
        }
    }

    /**
     * The string value of a top-level-ish field of a JSON text, or null. Good enough for our own responses. A plain
     * scan, not a regex: an alternation loop recurses per character and overflows the stack on long values.
     */
    static String field(String json, String name) {
        String key = "\"" + name + "\"";
        for (int at = json.indexOf(key); at >= 0; at = json.indexOf(key, at + 1)) {
            int i = at + key.length();
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
            if (i >= json.length() || json.charAt(i) != ':') continue;
            i++;
            while (i < json.length() && Character.isWhitespace(json.charAt(i))) i++;
            if (i >= json.length() || json.charAt(i) != '"') continue;
            StringBuilder out = new StringBuilder();
            for (i++; i < json.length(); i++) {
                char c = json.charAt(i);
                if (c == '"') return out.toString();
                if (c == '\\' && i + 1 < json.length()) {
                    char n = json.charAt(++i);
                    switch (n) {
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        case 'r' -> out.append('\r');
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'u' -> {
                            out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                            i += 4;
                        }
                        default -> out.append(n);
                    }
                } else {
                    out.append(c);
                }
            }
            return null;
        }
        return null;
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\\d+)").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        if (status == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
