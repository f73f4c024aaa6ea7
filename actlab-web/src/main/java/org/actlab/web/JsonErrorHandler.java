package org.actlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/** Jetty's own error answers (bad request lines, oversized headers or bodies) as the API's JSON {@code {"error": ...}}. */
final class JsonErrorHandler extends ErrorHandler {

    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
        setShowStacks(false);
        setShowServlet(false);
    }

    private byte[] body(int status, String message) {
        String text = message == null || message.isBlank() ? "error " + status : message;
        try {
            return json.writeValueAsBytes(new Payloads.ErrorBody(text));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"error " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        baseRequest.setHandled(true);
        int status = response.getStatus();
        Object message = request.getAttribute("jakarta.servlet.error.message");
        byte[] bytes = body(status, message == null ? null : message.toString());
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason == null ? "bad request" : reason.toLowerCase(java.util.Locale.ROOT)));
    }
}
