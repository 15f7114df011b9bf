package dev.interlink.platform.provider;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a catalog id needs besides its catalog file (docs/adding-a-connector.md): a connector bean, a sandbox
 * simulator, a contract-test subclass and a docs page. {@link #missing} names what is absent.
 */
record ConnectorRecipe(
        Set<String> connectorBeans, Predicate<String> simulated, Set<String> contractTests, Path docsDir) {

    List<String> missing(String id) {
        List<String> missing = new ArrayList<>();
        if (!connectorBeans.contains(id)) missing.add("an AtsConnector bean with id() \"" + id + "\"");
        if (!simulated.test(id)) missing.add("a provider-sandbox simulator for \"" + id + "\"");
        if (!contractTests.contains(id)) missing.add("a ConnectorContractTest subclass for \"" + id + "\"");
        if (!Files.isRegularFile(docsDir.resolve(id + ".md"))) missing.add("docs/providers/" + id + ".md");
        return missing;
    }

    /** The provider ids of every concrete {@link ConnectorContractTest} subclass among the compiled tests. */
    static Set<String> contractTestIds() {
        Set<String> ids = new TreeSet<>();
        Path root;
        try {
            root = Path.of(ConnectorContractTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .forEach(name -> providerIdOf(name).ifPresent(ids::add));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private static java.util.Optional<String> providerIdOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, ConnectorRecipe.class.getClassLoader());
            if (!ConnectorContractTest.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                return java.util.Optional.empty();
            }
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return java.util.Optional.of(((ConnectorContractTest) constructor.newInstance()).providerId());
        } catch (ReflectiveOperationException | LinkageError e) {
            return java.util.Optional.empty();
        }
    }
}
