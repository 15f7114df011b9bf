package dev.interlink.platform.provider;

import java.util.Locale;

/** Normalizations shared by mappers (open enums: unknown → OTHER, the raw value is kept beside). */
public final class Enums {
    private Enums() {}

    /** Stage category from a stage name, for providers without a mapping field (Loxo). */
    public static String stageCategoryFromName(String name) {
        if (name == null) return "OTHER";
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("withdr")) return "WITHDRAWN";
        if (n.contains("reject") || n.contains("declin") || n.contains("not in consideration")) return "REJECTED";
        if (n.contains("hire") || n.contains("placed") || n.contains("placement")) return "HIRED";
        if (n.contains("offer")) return "OFFER";
        if (n.contains("interview")) return "INTERVIEW";
        if (n.contains("submit")) return "SUBMITTED";
        if (n.contains("qualif")
                || n.contains("screen")
                || n.contains("shortlist")
                || n.contains("longlist")
                || n.contains("contacted")) return "SCREENING";
        if (n.contains("sourced")
                || n.contains("applied")
                || n.contains("new")
                || n.contains("added")
                || n.contains("lead")) return "NEW";
        return "OTHER";
    }

    /** Application outcome from its stage category. */
    public static String statusFromCategory(String category) {
        return switch (category) {
            case "HIRED" -> "HIRED";
            case "REJECTED" -> "REJECTED";
            case "WITHDRAWN" -> "WITHDRAWN";
            default -> "ACTIVE";
        };
    }

    public static String phoneType(String raw) {
        if (raw == null) return "OTHER";
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "mobile", "cell", "cellphone" -> "MOBILE";
            case "home" -> "HOME";
            case "work", "office", "main" -> "WORK";
            case "fax" -> "FAX";
            default -> "OTHER";
        };
    }

    public static String urlType(String url) {
        if (url == null) return "OTHER";
        String u = url.toLowerCase(Locale.ROOT);
        if (u.contains("linkedin.")) return "LINKEDIN";
        if (u.contains("github.")) return "GITHUB";
        if (u.contains("twitter.") || u.contains("x.com/")) return "TWITTER";
        return "PERSONAL";
    }

    public static String contentTypeFromName(String fileName) {
        if (fileName == null) return "application/octet-stream";
        String f = fileName.toLowerCase(Locale.ROOT);
        if (f.endsWith(".pdf")) return "application/pdf";
        if (f.endsWith(".docx")) return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        if (f.endsWith(".doc")) return "application/msword";
        if (f.endsWith(".txt")) return "text/plain";
        if (f.endsWith(".rtf")) return "application/rtf";
        if (f.endsWith(".png")) return "image/png";
        if (f.endsWith(".jpg") || f.endsWith(".jpeg")) return "image/jpeg";
        return "application/octet-stream";
    }
}
