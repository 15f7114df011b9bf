package dev.interlink.platform.admin;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.common.Ids;
import dev.interlink.platform.tenant.Tenant;
import dev.interlink.platform.tenant.TenantRepository;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Admin users: creation (first admin by the CLI, more by an admin) and password sign-in, throttled by growing delays
 * per email and per client address ({@link SignInThrottle}) and bounded in concurrent Argon2 work ({@link HashSlots}).
 *
 * <p>Sign-in answers the same for an unknown email, a wrong password or a disabled admin, and spends the same Argon2
 * work in every case, so it reveals neither which emails exist nor their state. Nobody's failures end an admin's live
 * sessions: there is no lock to trigger.
 */
@Singleton
public class AdminService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AdminUserRepository admins;
    private final TenantRepository tenants;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final HashSlots hashSlots;
    private final String dummyHash;

    AdminService(
            AdminUserRepository admins,
            TenantRepository tenants,
            PasswordHasher hasher,
            Clock clock,
            SignInThrottle throttle,
            HashSlots hashSlots) {
        this.admins = admins;
        this.tenants = tenants;
        this.hasher = hasher;
        this.clock = clock;
        this.throttle = throttle;
        this.hashSlots = hashSlots;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public record SignedIn(AdminUser admin, Tenant tenant) {}

    public AdminUser create(UUID tenantId, String email, String password) {
        String normalized = validate(tenantId, email, password);
        return admins.save(new AdminUser(
                UUID.randomUUID(),
                tenantId,
                normalized,
                hasher.hash(password),
                AdminUser.ACTIVE,
                clock.instant(),
                null,
                null));
    }

    /**
     * Checks a new admin's email and password; returns the normalized email or throws a 400 problem. An email is
     * unique within its tenant only: whether another tenant has it is nobody's business here. A null tenant (the
     * first admin of a tenant not created yet) has no admins to collide with.
     */
    public String validate(@Nullable UUID tenantId, String email, String password) {
        List<FieldError> errors = new ArrayList<>();
        String normalized = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            errors.add(new FieldError("/email", "must be an email address"));
        } else if (tenantId != null
                && admins.findLiveByEmail(tenantId, normalized).isPresent()) {
            errors.add(new FieldError("/email", "is already an admin"));
        }
        if (password == null || password.length() < 12 || password.length() > 200) {
            errors.add(new FieldError("/password", "must be 12 to 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return normalized;
    }

    /**
     * Signs an admin in, or empty for any wrong combination. Before any hashing: a free hashing slot (else 503 at
     * once) and one reserved attempt for the client address and for the email (else 429 with the wait), so a flood
     * costs no CPU and parallel guesses cannot outrun the throttle. Unknown tenants and unknown emails are throttled
     * and hashed exactly like known ones. The email throttle is per tenant slug and email: that pair is the identity
     * under attack, and one tenant's typos cannot slow another tenant's admin who shares the address.
     */
    public Optional<SignedIn> signIn(
            @Nullable String tenantSlug, @Nullable String email, @Nullable String password, String clientAddress) {
        String slug = tenantSlug == null ? "" : tenantSlug.strip().toLowerCase(java.util.Locale.ROOT);
        String normalized = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        try (HashSlots.Slot slot = hashSlots.acquire()) {
            Instant now = clock.instant();
            String addressKey = "addr:" + clientAddress;
            String emailKey = "email:" + Ids.sha256Hex(slug + "\n" + normalized);
            throttle.reserve(addressKey, throttle.perAddress, now).ifPresent(AdminService::throttled);
            throttle.reserve(emailKey, throttle.perEmail, now).ifPresent(AdminService::throttled);
            Optional<SignedIn> signedIn = check(slug, normalized, password);
            if (signedIn.isPresent()) {
                throttle.succeeded(addressKey);
                throttle.succeeded(emailKey);
                admins.recordSuccess(signedIn.get().admin().id(), now);
            }
            return signedIn;
        }
    }

    private Optional<SignedIn> check(String slug, String email, @Nullable String password) {
        if (slug.isEmpty() || email.isEmpty() || password == null || password.length() > 200) {
            hasher.verify("x", dummyHash);
            return Optional.empty();
        }
        Optional<AdminUser> found = admins.findLiveBySlugAndEmail(slug, email);
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            return Optional.empty();
        }
        AdminUser admin = found.get();
        if (!hasher.verify(password, admin.passwordHash()) || !AdminUser.ACTIVE.equals(admin.status())) {
            return Optional.empty();
        }
        return tenants.findLive(admin.tenantId()).map(tenant -> new SignedIn(admin, tenant));
    }

    private static void throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        throw ApiProblem.of(
                        ErrorCode.PLATFORM_SIGN_IN_THROTTLED,
                        "Too many sign-in attempts for this email or from this address; retry after " + seconds + " s")
                .with("retryable", true)
                .header("Retry-After", Long.toString(seconds));
    }

    public List<AdminUser> list(UUID tenantId) {
        return admins.findAllOfTenant(tenantId);
    }

    public void disable(UUID tenantId, UUID adminUserId) {
        if (admins.setStatus(adminUserId, tenantId, AdminUser.DISABLED) == 0) {
            throw ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "No such admin user");
        }
    }

    public void delete(UUID tenantId, UUID adminUserId) {
        if (admins.softDelete(adminUserId, tenantId, clock.instant()) == 0) {
            throw ApiProblem.of(ErrorCode.PLATFORM_NOT_FOUND, "No such admin user");
        }
    }
}
