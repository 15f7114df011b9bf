package dev.interlink.platform.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The tenant's API clients. Another tenant's client id answers 404, exactly like a missing one. */
@Controller("/api-clients")
@Tag(name = "API clients")
public class ApiClientController {
    private final ApiClientService service;
    private final ApiClientRepository repository;
    private final ObjectMapper json;

    public ApiClientController(ApiClientService service, ApiClientRepository repository, ObjectMapper json) {
        this.service = service;
        this.repository = repository;
        this.json = json;
    }

    public record ApiClientView(
            UUID id,
            String clientId,
            String name,
            List<String> scopes,
            boolean hasPublicJwk,
            Instant createdAt,
            @Nullable Instant revokedAt,
            @Nullable String createdBy) {
        static ApiClientView of(ApiClient c) {
            return new ApiClientView(
                    c.id(),
                    c.clientId(),
                    c.name(),
                    Arrays.asList(c.scopes()),
                    c.publicJwk() != null,
                    c.createdAt(),
                    c.revokedAt(),
                    c.createdBy());
        }
    }

    /** The revoked client, and the clients it created that are still live: a leaked client leaves nothing unseen. */
    public record RevokedView(ApiClientView revoked, List<ApiClientView> createdClientsStillLive) {}

    public record CreateRequest(
            @Nullable String name, @Nullable List<String> scopes, @Nullable Map<String, Object> publicJwk) {}

    public record WithSecret(ApiClientView client, String clientSecret) {}

    public record JwkRequest(@Nullable Map<String, Object> publicJwk) {}

    @Operation(summary = "List the tenant's API clients")
    @Get
    @RequiresScope(Scopes.API_CLIENTS_READ)
    public Map<String, Object> list(Principal principal) {
        return Map.of(
                "result",
                repository.findAllOfTenant(principal.tenantId()).stream()
                        .map(ApiClientView::of)
                        .toList());
    }

    @Operation(
            summary = "Create an API client; its secret is shown once. It gets at most the caller's scopes "
                    + "(all of them when `scopes` is omitted)")
    @Post
    @Status(HttpStatus.CREATED)
    @RequiresScope(Scopes.API_CLIENTS_WRITE)
    public WithSecret create(Principal principal, @Body CreateRequest body) {
        ApiClientService.Created created = service.create(
                principal.tenantId(),
                body.name(),
                body.scopes(),
                toJson(body.publicJwk()),
                ApiClientService.Grantor.of(principal));
        return new WithSecret(ApiClientView.of(created.client()), created.secret());
    }

    @Operation(
            summary = "Revoke an API client: its tokens stop working at once. The answer lists the clients it "
                    + "created that are still live")
    @Delete("/{id}")
    @RequiresScope(Scopes.API_CLIENTS_WRITE)
    public RevokedView revoke(Principal principal, UUID id) {
        ApiClientService.Revoked revoked = service.revoke(
                        principal.tenantId(), id, ApiClientService.Grantor.of(principal))
                .orElseThrow(ApiClientController::notFound);
        return new RevokedView(
                ApiClientView.of(revoked.client()),
                revoked.createdClientsStillLive().stream()
                        .map(ApiClientView::of)
                        .toList());
    }

    @Operation(summary = "Rotate the secret: the previous one keeps working for a grace period (default 24 h)")
    @Post("/{id}/secrets")
    @Status(HttpStatus.CREATED)
    @RequiresScope(Scopes.API_CLIENTS_WRITE)
    public Map<String, String> rotate(Principal principal, UUID id) {
        String secret = service.rotate(principal.tenantId(), id, ApiClientService.Grantor.of(principal))
                .orElseThrow(ApiClientController::notFound);
        return Map.of("client_secret", secret);
    }

    @Operation(summary = "Register the public JWK with which this client signs its own JWTs")
    @Put("/{id}/public-jwk")
    @RequiresScope(Scopes.API_CLIENTS_WRITE)
    public ApiClientView setPublicJwk(Principal principal, UUID id, @Body JwkRequest body) {
        return service.setPublicJwk(
                        principal.tenantId(), id, toJson(body.publicJwk()), ApiClientService.Grantor.of(principal))
                .map(ApiClientView::of)
                .orElseThrow(ApiClientController::notFound);
    }

    private String toJson(@Nullable Map<String, Object> jwk) {
        try {
            return jwk == null ? null : json.writeValueAsString(jwk);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("/public_jwk", "is not a JSON object");
        }
    }

    private static ApiProblem notFound() {
        return ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "No such API client");
    }
}
