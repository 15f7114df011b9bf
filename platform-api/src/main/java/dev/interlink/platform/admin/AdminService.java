package dev.interlink.platform.admin;

import dev.interlink.model.error.ErrorCode;
import dev.interlink.platform.common.ApiProblem;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.tenant.Tenant;
import dev.interlink.platform.tenant.TenantRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Admin users: creation (first admin by the CLI, more by an admin) and password sign-in with lock-out.
 *
 * <p>Sign-in answers the same for an unknown email, a wrong password, a locked or a disabled admin, and
 * spends the same Argon2 work in every case, so it reveals neither which emails exist nor the lock state.
 */
@Singleton
public class AdminService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final AdminUserRepository admins;
    private final TenantRepository tenants;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockFor;
    private final String dummyHash;

    public AdminService(
            AdminUserRepository admins,
            TenantRepository tenants,
            PasswordHasher hasher,
            Clock clock,
            @Value("${interlink.admin.max-failures:5}") int maxFailures,
            @Value("${interlink.admin.lock-duration:15m}") Duration lockFor) {
        this.admins = admins;
        this.tenants = tenants;
        this.hasher = hasher;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockFor = lockFor;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    public record SignedIn(AdminUser admin, Tenant tenant) {}

    public AdminUser create(UUID tenantId, String email, String password) {
        String normalized = validate(email, password);
        return admins.save(new AdminUser(
                UUID.randomUUID(),
                tenantId,
                normalized,
                hasher.hash(password),
                AdminUser.ACTIVE,
                0,
                null,
                clock.instant(),
                null,
                null));
    }

    /** Checks a new admin's email and password; returns the normalized email or throws a 400 problem. */
    public String validate(String email, String password) {
        List<FieldError> errors = new ArrayList<>();
        String normalized = email == null ? "" : email.strip().toLowerCase(java.util.Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            errors.add(new FieldError("/email", "must be an email address"));
        } else if (admins.findLiveByEmail(normalized).isPresent()) {
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

    public Optional<SignedIn> signIn(String email, String password) {
        if (email == null || password == null || password.length() > 200) {
            hasher.verify("x", dummyHash);
            return Optional.empty();
        }
        Optional<AdminUser> found = admins.findLiveByEmail(email.strip());
        if (found.isEmpty()) {
            hasher.verify(password, dummyHash);
            return Optional.empty();
        }
        AdminUser admin = found.get();
        boolean locked = admin.lockedUntil() != null && admin.lockedUntil().isAfter(clock.instant());
        if (locked) {
            hasher.verify(password, dummyHash);
            return Optional.empty();
        }
        if (!hasher.verify(password, admin.passwordHash())) {
            admins.recordFailure(admin.id(), maxFailures, clock.instant().plus(lockFor));
            return Optional.empty();
        }
        Optional<Tenant> tenant = tenants.findLive(admin.tenantId());
        if (!AdminUser.ACTIVE.equals(admin.status()) || tenant.isEmpty()) {
            return Optional.empty();
        }
        admins.recordSuccess(admin.id(), clock.instant());
        return Optional.of(new SignedIn(admin, tenant.get()));
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
