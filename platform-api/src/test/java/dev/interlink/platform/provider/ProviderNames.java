package dev.interlink.platform.provider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds provider names where the connector recipe (docs/adding-a-connector.md) allows none: in the provider-neutral
 * code, a provider belongs only in {@code provider/<id>/}. Two strengths: {@link #literals} looks at code (string
 * literals equal to an id, {@code <ID>_} constants, comments left out); {@link #anywhere} also reads comments, for
 * packages that must not even describe a provider (the change engine: a provider's facts live in its package).
 */
final class ProviderNames {
    private ProviderNames() {}

    /** {@code file:line: text} of each code line under {@code root} naming one of {@code ids}, outside provider/<id>/. */
    static List<String> literals(Path root, Set<String> ids) {
        return scan(root, ids, false);
    }

    /** The same, comments included and any spelling of the id as a word. */
    static List<String> anywhere(Path root, Set<String> ids) {
        return scan(root, ids, true);
    }

    private static List<String> scan(Path root, Set<String> ids, boolean comments) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (ids.stream().anyMatch(id -> ownPackage(root.relativize(f), id))) continue;
                String text = Files.readString(f);
                if (!comments) text = stripComments(text);
                String[] lines = text.split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    for (String id : ids) {
                        if (names(lines[i], id, comments)) {
                            found.add(root.relativize(f) + ":" + (i + 1) + ": " + lines[i].trim());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean ownPackage(Path relative, String id) {
        String p = relative.toString().replace('\\', '/');
        return p.contains("/provider/" + id + "/") || p.startsWith("provider/" + id + "/");
    }

    private static boolean names(String line, String id, boolean anySpelling) {
        String upper = id.toUpperCase(Locale.ROOT);
        if (anySpelling) {
            String capital = upper.charAt(0) + id.substring(1);
            // the word in any case (CATS, cats), or a name built on it (CatsEventFeed, CATS_EVENTS)
            return Pattern.compile("(?i:\\b" + Pattern.quote(id) + "\\b)|\\b" + Pattern.quote(capital) + "[A-Z]|\\b"
                            + Pattern.quote(upper) + "_")
                    .matcher(line)
                    .find();
        }
        return line.toLowerCase(Locale.ROOT).contains("\"" + id + "\"")
                || Pattern.compile("\\b" + Pattern.quote(upper) + "_[A-Z]")
                        .matcher(line)
                        .find();
    }

    /** Comments blanked, string and char literals kept, line structure kept (so line numbers stay right). */
    static String stripComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, n);
                out.append(source, i, end);
                i = end;
            } else if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') i++;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) out.append(source.charAt(k) == '\n' ? '\n' : ' ');
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
