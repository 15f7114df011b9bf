package dev.interlink.platform.ats.write;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interlink.platform.common.FieldError;
import dev.interlink.platform.provider.AtsWriter.CandidateInput;
import dev.interlink.platform.provider.AtsWriter.EmailInput;
import dev.interlink.platform.provider.AtsWriter.PhoneInput;
import dev.interlink.platform.provider.AtsWriter.UrlInput;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Unified write bodies → validated inputs. Every problem is collected with its JSON Pointer (nothing is sent to a
 * provider while one remains); pure functions, no provider knowledge (a provider's own rules are its writer's
 * {@link dev.interlink.platform.provider.AtsWriter#validate}).
 */
final class WriteBodies {
    static final Set<String> CANDIDATE_FIELDS = Set.of(
            "first_name", "last_name", "title", "company_name", "emails", "phones", "urls", "tags", "custom_fields");
    static final Set<String> EMAIL_TYPES = Set.of("PERSONAL", "WORK", "OTHER");
    static final Set<String> PHONE_TYPES = Set.of("MOBILE", "HOME", "WORK", "FAX", "OTHER");
    static final Set<String> URL_TYPES =
            Set.of("LINKEDIN", "GITHUB", "TWITTER", "PORTFOLIO", "BLOG", "PERSONAL", "COMPANY", "OTHER");
    static final Set<String> ATTACHMENT_TYPES = Set.of("RESUME", "COVER_LETTER", "OTHER");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{3,30}");
    static final int MAX_ITEMS = 20;
    static final int MAX_TEXT = 255;

    private WriteBodies() {}

    static CandidateInput candidate(JsonNode body, boolean create, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            errors.add(new FieldError("", "must be a JSON object (the unified candidate, no wrapper)"));
            return null;
        }
        Set<String> present = new LinkedHashSet<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (CANDIDATE_FIELDS.contains(f)) present.add(f);
            else errors.add(new FieldError("/" + f, "is not a writable candidate field"));
        }
        if (!create && present.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("", "names no field to update"));
        }
        String first = text(body, "first_name", create, errors);
        String last = text(body, "last_name", create, errors);
        String title = text(body, "title", false, errors);
        String company = text(body, "company_name", false, errors);
        List<EmailInput> emails = new ArrayList<>();
        int primaries = 0;
        for (JsonNode e : array(body, "emails", errors)) {
            String p = "/emails/" + emails.size();
            String email = required(e, "email", p, errors);
            if (email != null && !EMAIL.matcher(email).matches()) {
                errors.add(new FieldError(p + "/email", "is not an email address"));
            }
            String type = oneOf(e, "type", EMAIL_TYPES, p, errors);
            boolean primary = bool(e, "is_primary", p, errors);
            if (primary) primaries++;
            emails.add(new EmailInput(email == null ? "" : email.trim(), type, primary));
        }
        if (primaries > 1) errors.add(new FieldError("/emails", "at most one email can be is_primary"));
        List<PhoneInput> phones = new ArrayList<>();
        for (JsonNode ph : array(body, "phones", errors)) {
            String p = "/phones/" + phones.size();
            String number = required(ph, "number", p, errors);
            if (number != null && !PHONE.matcher(number.trim()).matches()) {
                errors.add(new FieldError(p + "/number", "is not a phone number (digits, optionally a leading +)"));
            }
            String ext = ph.isObject() && ph.hasNonNull("extension")
                    ? ph.get("extension").asText()
                    : null;
            phones.add(new PhoneInput(
                    number == null ? "" : number.trim(), ext, oneOf(ph, "type", PHONE_TYPES, p, errors)));
        }
        List<UrlInput> urls = new ArrayList<>();
        for (JsonNode u : array(body, "urls", errors)) {
            String p = "/urls/" + urls.size();
            String url = required(u, "url", p, errors);
            if (url != null && !isHttpUrl(url)) errors.add(new FieldError(p + "/url", "is not an http(s) URL"));
            urls.add(new UrlInput(url, oneOf(u, "type", URL_TYPES, p, errors)));
        }
        List<String> tags = new ArrayList<>();
        int i = 0;
        for (JsonNode t : array(body, "tags", errors)) {
            String p = "/tags/" + i++;
            String name = t.isTextual()
                    ? t.asText()
                    : t.isObject() && t.path("name").isTextual() ? t.get("name").asText() : null;
            if (name == null || name.isBlank()) errors.add(new FieldError(p, "must be a tag name (or {\"name\"})"));
            else tags.add(name.trim());
        }
        Map<String, JsonNode> custom = null;
        if (body.has("custom_fields")) {
            JsonNode cf = body.get("custom_fields");
            if (!cf.isObject()) errors.add(new FieldError("/custom_fields", "must be an object"));
            else {
                custom = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = cf.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject()) {
                        errors.add(new FieldError("/custom_fields/" + pointer(e.getKey()), "must be a value or list"));
                    }
                    custom.put(e.getKey(), e.getValue());
                }
            }
        }
        return new CandidateInput(first, last, title, company, emails, phones, urls, tags, custom, present);
    }

    static String text(JsonNode body, String field, boolean required, List<FieldError> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) errors.add(new FieldError("/" + field, "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError("/" + field, "must be a string"));
            return null;
        }
        String s = v.asText().trim();
        if (required && s.isEmpty()) errors.add(new FieldError("/" + field, "must not be blank"));
        if (s.length() > MAX_TEXT)
            errors.add(new FieldError("/" + field, "is longer than " + MAX_TEXT + " characters"));
        return s;
    }

    static List<JsonNode> array(JsonNode body, String field, List<FieldError> errors) {
        JsonNode v = body.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (!v.isArray()) {
            errors.add(new FieldError("/" + field, "must be an array"));
            return out;
        }
        if (v.size() > MAX_ITEMS) errors.add(new FieldError("/" + field, "has more than " + MAX_ITEMS + " items"));
        v.forEach(out::add);
        return out;
    }

    static String required(JsonNode item, String field, String p, List<FieldError> errors) {
        if (!item.isObject()) {
            errors.add(new FieldError(p, "must be an object"));
            return null;
        }
        JsonNode v = item.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            errors.add(new FieldError(p + "/" + field, "is required (a string)"));
            return null;
        }
        return v.asText();
    }

    static String oneOf(JsonNode item, String field, Set<String> allowed, String p, List<FieldError> errors) {
        JsonNode v = item.isObject() ? item.get(field) : null;
        if (v == null || v.isNull()) return null;
        if (!v.isTextual() || !allowed.contains(v.asText())) {
            errors.add(new FieldError(p + "/" + field, "must be one of " + new java.util.TreeSet<>(allowed)));
            return null;
        }
        return v.asText();
    }

    static boolean bool(JsonNode item, String field, String p, List<FieldError> errors) {
        JsonNode v = item.isObject() ? item.get(field) : null;
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) {
            errors.add(new FieldError(p + "/" + field, "must be a boolean"));
            return false;
        }
        return v.asBoolean();
    }

    static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s.trim());
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** RFC 6901 escaping of one reference token. */
    static String pointer(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
