package dev.interlink.link.api;

/** platform-api answered with a problem, or could not be reached (then {@link #problem()} is synthetic). */
public class PlatformProblemException extends RuntimeException {
    private final transient Problem problem;

    public PlatformProblemException(Problem problem) {
        super(problem.code() + " (" + problem.status() + ")");
        this.problem = problem;
    }

    public PlatformProblemException(Problem problem, Throwable cause) {
        super(problem.code() + " (" + problem.status() + ")", cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public String code() {
        return problem.code() == null ? ProblemCode.UNEXPECTED : problem.code();
    }

    public boolean isTokenProblem() {
        return ProblemCode.isTokenProblem(code());
    }

    /** Outages and rate limits: the same credentials may work a moment later. */
    public boolean isRetryable() {
        return problem.isRetryable()
                || ProblemCode.REMOTE_UNAVAILABLE.equals(code())
                || ProblemCode.API_UNREACHABLE.equals(code());
    }

    public static PlatformProblemException unreachable(Throwable cause) {
        return new PlatformProblemException(
                new Problem(
                        null,
                        "Service unavailable",
                        503,
                        "The Interlink service could not be reached.",
                        ProblemCode.API_UNREACHABLE,
                        null,
                        null,
                        true),
                cause);
    }

    public static PlatformProblemException unexpected(int status) {
        return new PlatformProblemException(new Problem(
                null, "Unexpected response", status, null, ProblemCode.UNEXPECTED, null, null, status >= 500));
    }
}
