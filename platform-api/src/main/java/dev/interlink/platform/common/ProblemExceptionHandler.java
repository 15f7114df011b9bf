package dev.interlink.platform.common;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

@Produces
@Singleton
@Requires(classes = {ApiProblem.class, ExceptionHandler.class})
public class ProblemExceptionHandler implements ExceptionHandler<ApiProblem, HttpResponse<?>> {
    @Override
    public HttpResponse<?> handle(HttpRequest request, ApiProblem problem) {
        return Problems.response(problem);
    }
}
