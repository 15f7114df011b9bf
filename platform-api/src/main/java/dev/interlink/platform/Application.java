package dev.interlink.platform;

import dev.interlink.platform.cli.Cli;
import io.micronaut.runtime.Micronaut;

/**
 * platform-api's entry point. The OpenAPI document is {@code src/main/resources/openapi/interlink-api-0.1.yml},
 * written by hand and checked against the routes by {@code OpenApiDocumentTest}.
 */
public class Application {
    public static void main(String[] args) {
        if (args.length > 0) {
            System.setProperty("interlink.log.target", "System.err");
            System.exit(Cli.run(args));
        }
        Micronaut.run(Application.class, args);
    }
}
