package dev.interlink.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.interlink.platform.tenant.TenantService;
import dev.interlink.platform.testing.Api;
import dev.interlink.platform.testing.ApiTest;
import dev.interlink.platform.testing.TestKeys;
import dev.interlink.platform.testing.TestTenants;
import dev.interlink.platform.testing.TestTenants.TestTenant;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class AdminSignInTest extends ApiTest {
    private static final String PASSWORD = "a long enough password";

    @Inject
    EmbeddedServer server;

    @Inject
    TenantService tenants;

    @Inject
    AdminService admins;

    @Inject
    AdminUserRepository repository;

    Api api;
    TestTenant a;
    TestTenant b;

    @BeforeAll
    void tenants() {
        api = new Api(server.getURI());
        a = TestTenants.create(tenants, api, "Tenant A");
        b = TestTenants.create(tenants, api, "Tenant B");
    }

    private AdminUser adminOf(TestTenant tenant) {
        return admins.create(tenant.id(), "admin-" + UUID.randomUUID() + "@example.com", PASSWORD);
    }

    /** Signs in to tenant A, where most tests' admins live. */
    private Api.Response signIn(String email, String password) {
        return signIn(a.slug(), email, password);
    }

    private Api.Response signIn(String slug, String email, String password) {
        return api.post("/admin/sessions", null, Map.of("tenant", slug, "email", email, "password", password));
    }

    private String tokenOf(AdminUser admin) {
        String slug = admin.tenantId().equals(a.id()) ? a.slug() : b.slug();
        Api.Response response = signIn(slug, admin.email(), PASSWORD);
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        return response.json().get("access_token").asText();
    }

    private static String signed(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(TestKeys.KEY.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(TestKeys.KEY));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder adminClaims(UUID tenantId, UUID adminId, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer("interlink")
                .audience("interlink-admin")
                .subject("admin:" + adminId)
                .claim("tid", tenantId.toString())
                .claim("adm", adminId.toString())
                .claim("scope", "tenant:read")
                .issueTime(Date.from(expires.minus(Duration.ofMinutes(15))))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString());
    }

    private static String withoutRequestId(Api.Response response) {
        com.fasterxml.jackson.databind.node.ObjectNode json =
                (com.fasterxml.jackson.databind.node.ObjectNode) response.json();
        json.remove("request_id");
        return json.toString();
    }

    @Test
    void an_admin_signs_in_and_gets_a_15_minute_token_and_the_tenant_display_name() {
        AdminUser admin = adminOf(a);

        Api.Response response = signIn(admin.email(), PASSWORD);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("expires_in").asLong()).isEqualTo(900);
        assertThat(response.json().get("tenant_display_name").asText()).isEqualTo("Tenant A");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void the_email_is_matched_without_regard_to_case() {
        AdminUser admin = adminOf(a);

        assertThat(signIn(admin.email().toUpperCase(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void the_admin_token_carries_the_tenant_and_reads_its_settings() {
        String token = tokenOf(adminOf(a));

        Api.Response tenant = api.get("/tenant", token);

        assertThat(tenant.status()).isEqualTo(200);
        assertThat(tenant.json().get("id").asText()).isEqualTo(a.id().toString());
    }

    @Test
    void the_admin_token_holds_every_client_scope_so_it_can_manage_api_clients() {
        String token = tokenOf(adminOf(a));

        assertThat(api.post("/api-clients", token, Map.of("name", "from-admin")).status())
                .isEqualTo(201);
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_answer() {
        AdminUser admin = adminOf(a);

        Api.Response wrongPassword = signIn(admin.email(), "not the password at all");
        Api.Response unknownEmail = signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownEmail.status()).isEqualTo(401);
        assertThat(withoutRequestId(wrongPassword)).isEqualTo(withoutRequestId(unknownEmail));
    }

    @Test
    void a_deleted_admins_token_is_refused_at_once() {
        AdminUser admin = adminOf(a);
        String token = tokenOf(admin);

        admins.delete(a.id(), admin.id());

        assertThat(api.get("/tenant", token).status()).isEqualTo(401);
    }

    @Test
    void a_disabled_admins_token_is_refused_and_it_cannot_sign_in() {
        AdminUser admin = adminOf(a);
        String token = tokenOf(admin);

        admins.disable(a.id(), admin.id());

        assertThat(api.get("/tenant", token).status()).isEqualTo(401);
        assertThat(signIn(admin.email(), PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void an_expired_admin_token_is_refused() throws Exception {
        AdminUser admin = adminOf(a);
        String expired = signed(
                adminClaims(a.id(), admin.id(), Instant.now().minusSeconds(120)).build());

        assertThat(api.get("/tenant", expired).status()).isEqualTo(401);
    }

    @Test
    void an_admin_token_that_names_another_tenant_is_refused() throws Exception {
        AdminUser adminOfA = adminOf(a);
        String forged = signed(adminClaims(b.id(), adminOfA.id(), Instant.now().plusSeconds(600))
                .build());

        assertThat(api.get("/tenant", forged).status()).isEqualTo(401);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("An admin session token minted with the API clients' audience is refused")
    void an_admin_token_with_the_api_audience_is_refused() throws Exception {
        AdminUser admin = adminOf(a);
        String wrongAudience =
                signed(adminClaims(a.id(), admin.id(), Instant.now().plusSeconds(600))
                        .audience("interlink-api")
                        .build());

        assertThat(api.get("/tenant", wrongAudience).status()).isEqualTo(401);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("An API client token minted with the admin audience is refused")
    void a_client_token_with_the_admin_audience_is_refused() throws Exception {
        String relabelled = signed(new JWTClaimsSet.Builder()
                .issuer("interlink")
                .audience("interlink-admin")
                .subject(a.clientId())
                .claim("tid", a.id().toString())
                .claim("scope", "tenant:read")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .jwtID(UUID.randomUUID().toString())
                .build());

        assertThat(api.get("/tenant", relabelled).status()).isEqualTo(401);
    }

    @Test
    void an_admin_of_tenant_b_does_not_see_tenant_a_api_clients() {
        String tokenOfB = tokenOf(adminOf(b));

        assertThat(api.get("/api-clients", tokenOfB).text()).doesNotContain(a.clientId());
    }

    @Test
    void an_admin_adds_another_admin_who_can_then_sign_in() {
        String token = tokenOf(adminOf(a));
        String email = "second-" + UUID.randomUUID() + "@example.com";

        Api.Response created = api.post("/admin/users", token, Map.of("email", email, "password", PASSWORD));

        assertThat(created.status()).isEqualTo(201);
        assertThat(signIn(email, PASSWORD).json().get("tenant_display_name").asText())
                .isEqualTo("Tenant A");
    }

    @Test
    void a_new_admin_needs_a_password_of_at_least_12_characters() {
        String token = tokenOf(adminOf(a));

        Api.Response created = api.post("/admin/users", token, Map.of("email", "x@example.com", "password", "short"));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().at("/errors/0/pointer").asText()).isEqualTo("/password");
    }

    @Test
    void an_email_that_is_already_an_admin_of_the_same_tenant_is_refused() {
        AdminUser admin = adminOf(a);
        String token = tokenOf(adminOf(a));

        Api.Response created = api.post("/admin/users", token, Map.of("email", admin.email(), "password", PASSWORD));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().at("/errors/0/pointer").asText()).isEqualTo("/email");
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "Adding another tenant's admin email succeeds, so it reveals nothing about that tenant and squats nothing")
    void adding_another_tenants_admin_email_reveals_nothing() {
        AdminUser adminOfA = adminOf(a);
        String tokenOfB = tokenOf(adminOf(b));

        Api.Response created =
                api.post("/admin/users", tokenOfB, Map.of("email", adminOfA.email(), "password", PASSWORD + " b"));

        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(signIn(a.slug(), adminOfA.email(), PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void one_email_in_two_tenants_signs_in_to_the_tenant_the_slug_names() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        admins.create(a.id(), email, PASSWORD);
        admins.create(b.id(), email, PASSWORD + " of b");

        Api.Response intoA = signIn(a.slug(), email, PASSWORD);
        Api.Response intoB = signIn(b.slug(), email, PASSWORD + " of b");

        assertThat(intoA.json().get("tenant_display_name").asText()).isEqualTo("Tenant A");
        assertThat(intoB.json().get("tenant_display_name").asText()).isEqualTo("Tenant B");
        assertThat(api.get("/tenant", intoB.json().get("access_token").asText())
                        .json()
                        .get("id")
                        .asText())
                .isEqualTo(b.id().toString());
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "An admin's right password with another tenant's slug is refused like a wrong one")
    void the_right_password_with_another_tenants_slug_is_refused() {
        AdminUser adminOfA = adminOf(a);

        Api.Response withB = signIn(b.slug(), adminOfA.email(), PASSWORD);
        Api.Response wrongPassword = signIn(a.slug(), adminOfA.email(), "not the password at all");

        assertThat(withB.status()).isEqualTo(401);
        assertThat(withoutRequestId(withB)).isEqualTo(withoutRequestId(wrongPassword));
    }

    @Test
    @org.junit.jupiter.api.DisplayName(
            "An unknown tenant slug gets the same answer as a wrong password: no tenant oracle")
    void an_unknown_tenant_slug_gets_the_same_answer_as_a_wrong_password() {
        AdminUser admin = adminOf(a);

        Api.Response unknownTenant = signIn("no-such-tenant-" + UUID.randomUUID(), admin.email(), PASSWORD);
        Api.Response wrongPassword = signIn(a.slug(), admin.email(), "not the password at all");

        assertThat(unknownTenant.status()).isEqualTo(401);
        assertThat(withoutRequestId(unknownTenant)).isEqualTo(withoutRequestId(wrongPassword));
    }

    @Test
    void a_sign_in_that_names_no_tenant_is_refused() {
        AdminUser admin = adminOf(a);

        Api.Response response = api.post("/admin/sessions", null, Map.of("email", admin.email(), "password", PASSWORD));

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void the_tenant_settings_show_the_slug_admins_sign_in_with() {
        assertThat(api.get("/tenant", a.token()).json().get("slug").asText()).isEqualTo(a.slug());
    }

    @Test
    void the_admin_list_shows_only_the_callers_tenant() {
        AdminUser adminOfA = adminOf(a);
        String tokenOfB = tokenOf(adminOf(b));

        assertThat(api.get("/admin/users", tokenOfB).text()).doesNotContain(adminOfA.email());
    }
}
