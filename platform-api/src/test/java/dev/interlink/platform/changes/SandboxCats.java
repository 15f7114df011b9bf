package dev.interlink.platform.changes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.sandbox.Sandbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** A recruiter working directly in the sandbox's CATS (not through Interlink): raw CATS v3 calls with the key. */
public final class SandboxCats {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Sandbox sandbox;
    private final Sandbox.AccountInfo account;

    public SandboxCats(Sandbox sandbox, Sandbox.AccountInfo account) {
        this.sandbox = sandbox;
        this.account = account;
    }

    public record Pipeline(long id, long workflowId, long statusId) {}

    JsonNode get(String path) {
        return send("GET", path, null).body;
    }

    public Pipeline firstPipeline() {
        JsonNode p = get("/pipelines?per_page=1").at("/_embedded/pipelines/0");
        return new Pipeline(
                p.path("id").asLong(),
                p.path("workflow_id").asLong(),
                p.path("status_id").asLong());
    }

    List<Long> statuses(long workflowId) {
        List<Long> out = new ArrayList<>();
        get("/pipelines/workflows/" + workflowId + "/statuses?per_page=100")
                .at("/_embedded/statuses")
                .forEach(s -> out.add(s.path("id").asLong()));
        return out;
    }

    /** Another status of the pipeline's workflow than its current one. */
    public long otherStatus(Pipeline p) {
        return statuses(p.workflowId()).stream()
                .filter(s -> s != p.statusId())
                .findFirst()
                .orElseThrow();
    }

    /** POST /pipelines/{id}/status, as the recruiter's UI does. */
    public void move(long pipelineId, long statusId) {
        Result r = send("POST", "/pipelines/" + pipelineId + "/status", "{\"status_id\":" + statusId + "}");
        if (r.status != 201) throw new AssertionError("status change answered " + r.status);
    }

    public void deleteWebhooks() {
        get("/webhooks")
                .at("/_embedded/webhooks")
                .forEach(w -> send("DELETE", "/webhooks/" + w.path("id").asLong(), null));
    }

    public int webhookCount() {
        return get("/webhooks").at("/_embedded/webhooks").size();
    }

    record Result(int status, JsonNode body) {}

    Result send(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/cats/v3" + path))
                    .header("Authorization", "Token " + account.apiKey())
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Result(r.statusCode(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
