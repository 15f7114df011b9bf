package dev.interlink.platform;

import dev.interlink.platform.cli.Cli;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(
        info =
                @Info(
                        title = "Interlink API",
                        version = "0.1",
                        description =
                                "One API for every connected applicant tracking system. Errors are RFC 9457 problem+json with a stable code."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {
    public static void main(String[] args) {
        if (args.length > 0) {
            System.setProperty("interlink.log.target", "System.err");
            System.exit(Cli.run(args));
        }
        Micronaut.run(Application.class, args);
    }
}
