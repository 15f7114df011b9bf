# Multi-stage: build with Maven + JDK 17, run on a JRE only, as a non-root user (uid 10001).
# Build from the repository root: docker build -f docker/provider-sandbox.Dockerfile -t provider-sandbox:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Pproduction -DskipTests -pl provider-sandbox -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app interlink
WORKDIR /app
COPY --from=build /src/provider-sandbox/target/provider-sandbox.jar /app/app.jar
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
