package io.onegrid.api.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** An answer with a chosen status, headers, and a JSON or streamed body. */
public final class RestResponse {

    /** Writes a non-JSON body (CSV export, PNG image) straight to the client. */
    @org.osgi.annotation.versioning.ConsumerType
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private final int status;
    private final Object body;
    private final BodyWriter writer;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private RestResponse(int status, Object body, BodyWriter writer, String contentType) {
        this.status = status;
        this.body = body;
        this.writer = writer;
        this.contentType = contentType;
    }

    public static RestResponse ok(Object body) {
        return new RestResponse(200, body, null, null);
    }

    /** 201 with a {@code Location} relative to {@code /api/v1} (e.g. {@code /settings/a}) or absolute. */
    public static RestResponse created(String location, Object body) {
        return new RestResponse(201, body, null, null).header("Location", location);
    }

    public static RestResponse noContent() {
        return new RestResponse(204, null, null, null);
    }

    public static RestResponse status(int status, Object body) {
        return new RestResponse(status, body, null, null);
    }

    public static RestResponse stream(String contentType, BodyWriter writer) {
        return new RestResponse(200, null, Objects.requireNonNull(writer), Objects.requireNonNull(contentType));
    }

    public RestResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The JSON body, or {@code null}. */
    public Object body() {
        return body;
    }

    /** The streamed body, or {@code null} for JSON answers. */
    public BodyWriter writer() {
        return writer;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
