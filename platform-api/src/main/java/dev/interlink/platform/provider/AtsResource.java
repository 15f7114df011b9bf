package dev.interlink.platform.provider;

import java.util.Arrays;
import java.util.Optional;

/** The unified ATS resources, by their URL name. */
public enum AtsResource {
    CANDIDATES("candidates"),
    JOBS("jobs"),
    APPLICATIONS("applications"),
    JOB_INTERVIEW_STAGES("job_interview_stages"),
    ATTACHMENTS("attachments"),
    COMPANIES("companies"),
    USERS("users"),
    ORGANIZATIONS("organizations"),
    REJECTION_REASONS("rejection_reasons");

    private final String path;

    AtsResource(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public static Optional<AtsResource> byPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
