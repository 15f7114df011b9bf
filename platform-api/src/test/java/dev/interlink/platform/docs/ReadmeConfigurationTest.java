package dev.interlink.platform.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration section against what the services and the launcher read: every {@code INTERLINK_*}
 * name in their sources and resources is documented (a row may stand for a family: {@code <ID>} is a provider id,
 * {@code *} any suffix), and every documented name is read somewhere.
 */
class ReadmeConfigurationTest {
    static final Path ROOT = Path.of("..");
    static final Pattern NAME = Pattern.compile("INTERLINK_[A-Z0-9_]+");
    static final Pattern DOCUMENTED = Pattern.compile("`(INTERLINK_[A-Z0-9_<>*]+)`");
    /** A property placeholder: Micronaut reads {@code interlink.api-clients.x} from {@code INTERLINK_API_CLIENTS_X}. */
    static final Pattern PROPERTY = Pattern.compile("\\$\\{(interlink\\.[a-z0-9.-]+)");
    /** Names that look like variables but are not: {@code changes/Source.INTERLINK_WRITE} is an enum constant. */
    static final Set<String> NOT_CONFIGURATION = Set.of("INTERLINK_WRITE");

    @Test
    void every_variable_the_code_and_the_launcher_read_is_in_the_readme_configuration() {
        List<Pattern> documented = documented().stream()
                .map(n -> Pattern.compile(n.replace("<ID>", "[A-Z0-9]+").replace("*", "[A-Z0-9_]*")))
                .toList();
        Set<String> missing = new TreeSet<>();
        for (String name : read(false)) {
            if (name.endsWith("_") || NOT_CONFIGURATION.contains(name)) continue; // a prefix built in code
            if (documented.stream().noneMatch(p -> p.matcher(name).matches())) missing.add(name);
        }
        assertThat(missing)
                .as("INTERLINK_* names read but not in README.md ## Configuration")
                .isEmpty();
    }

    @Test
    void every_variable_the_readme_documents_is_read_somewhere() {
        Set<String> read = read(true);
        Set<String> unread = new TreeSet<>();
        for (String name : documented()) {
            if (name.contains("<") || name.contains("*")) continue; // families: checked from the other side
            if (!read.contains(name)) unread.add(name);
        }
        assertThat(unread).as("documented in README.md but read by nothing").isEmpty();
    }

    /** The backquoted names of the README's "## Configuration" section. */
    static Set<String> documented() {
        String readme = text(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Configuration");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Configuration section").isNotNegative();
        Matcher m = DOCUMENTED.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Set<String> out = new TreeSet<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /**
     * Every INTERLINK_* name in the services' main sources and resources and in the launcher; with
     * {@code properties}, also the variable of every {@code ${interlink.*}} property they read (documenting those is
     * optional: there are many tuning knobs, the README lists the ones an operator needs).
     */
    static Set<String> read(boolean properties) {
        Set<String> out = new TreeSet<>();
        scan(ROOT.resolve("interlink"), out, properties);
        for (String module : List.of("platform-api", "link-ui", "admin-ui", "provider-sandbox")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main"))) {
                files.filter(Files::isRegularFile)
                        .filter(f -> f.toString().matches(".*\\.(java|yml|yaml|xml|properties)$"))
                        .forEach(f -> scan(f, out, properties));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void scan(Path file, Set<String> out, boolean properties) {
        String text = text(file);
        Matcher m = NAME.matcher(text);
        while (m.find()) out.add(m.group());
        if (!properties) return;
        Matcher p = PROPERTY.matcher(text);
        while (p.find()) out.add(p.group(1).toUpperCase(java.util.Locale.ROOT).replaceAll("[.-]", "_"));
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
