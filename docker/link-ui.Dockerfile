# Multi-stage: build with Maven + JDK 17 (Vaadin production bundle), run on a JRE only, as non-root (uid 10001).
# Build from the repository root: docker build -f docker/link-ui.Dockerfile -t link-ui:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Pproduction -DskipTests -pl link-ui -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app interlink
WORKDIR /app
COPY --from=build /src/link-ui/target/link-ui.jar /app/app.jar
COPY --from=build /src/link-ui/target/lib /app/lib
USER 10001:10001
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "dev.interlink.link.LinkUiMain"]
