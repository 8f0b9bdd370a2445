package io.onegrid.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javax.servlet.http.HttpServletResponse;

/** Writes RFC 9457 problem details, with the title in the caller's language. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    private final ObjectMapper mapper;

    Problems(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The title for a problem type: translated where OneGrid knows the type, else derived from the slug. */
    static String title(ProblemType type, Locale locale) {
        try {
            ResourceBundle messages = ResourceBundle.getBundle("io.onegrid.rest.internal.Messages", locale,
                    Problems.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
            return messages.getString("problem." + type.slug());
        } catch (MissingResourceException e) {
            String words = type.slug().replace('-', ' ');
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }

    Map<String, Object> body(ProblemException e, String instance, Locale locale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", e.type().uri());
        body.put("title", title(e.type(), locale));
        body.put("status", e.type().status());
        if (e.detail() != null) {
            body.put("detail", e.detail());
        }
        body.put("instance", instance);
        e.extensions().forEach(body::putIfAbsent);
        return body;
    }

    void write(HttpServletResponse resp, ProblemException e, String instance, Locale locale) throws IOException {
        if (resp.isCommitted()) {
            return;
        }
        resp.resetBuffer();
        byte[] json = mapper.writeValueAsBytes(body(e, instance, locale));
        resp.setStatus(e.type().status());
        resp.setContentType(MEDIA_TYPE);
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Content-Language", locale.toLanguageTag());
        resp.setContentLength(json.length);
        resp.getOutputStream().write(json);
    }
}
