package io.onegrid.workorder.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The media types attachments may have, each with its size limit, and how each is recognised by its first bytes: the
 * declared {@code Content-Type} is a claim, the bytes decide. Only types whose signature is known here can be allowed.
 */
record AttachmentTypes(Map<String, Long> limits) {

    /** Bytes read before the type is checked: enough for every signature below. */
    static final int HEAD = 12;

    /** What the configuration may name. */
    static final Set<String> KNOWN = Set.of("image/jpeg", "image/png", "image/webp", "video/mp4", "audio/mpeg",
            "audio/mp4", "audio/amr");

    static final String DEFAULT_SPEC = "image/jpeg=10485760,image/png=10485760,image/webp=10485760,"
            + "video/mp4=104857600,audio/mpeg=20971520,audio/mp4=20971520,audio/amr=20971520";

    static final AttachmentTypes DEFAULTS = parse(DEFAULT_SPEC);

    AttachmentTypes {
        limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
    }

    /**
     * Parses {@code type=maxBytes} entries separated by commas.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    static AttachmentTypes parse(String spec) {
        Map<String, Long> limits = new LinkedHashMap<>();
        for (String entry : spec == null ? new String[0] : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String type = (eq < 0 ? entry : entry.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (!KNOWN.contains(type)) {
                throw new IllegalArgumentException("attachmentTypes: '" + type + "' cannot be checked by its content;"
                        + " known types: " + KNOWN);
            }
            long max;
            try {
                max = Long.parseLong(entry.substring(eq + 1).strip());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("attachmentTypes: '" + entry.strip() + "' is not type=maxBytes");
            }
            if (eq < 0 || max < 1) {
                throw new IllegalArgumentException("attachmentTypes: '" + entry.strip() + "' is not type=maxBytes");
            }
            limits.put(type, max);
        }
        return new AttachmentTypes(limits);
    }

    /** The base type of a {@code Content-Type} header, lower-case, without parameters; null when absent. */
    static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** The size limit of an allowed type, or null when the type is not allowed. */
    Long limit(String mediaType) {
        return limits.get(mediaType);
    }

    /** Whether the first {@code length} bytes of a file are those of {@code mediaType}. */
    static boolean matches(String mediaType, byte[] head, int length) {
        return switch (mediaType) {
            case "image/jpeg" -> starts(head, length, 0, 0xFF, 0xD8, 0xFF);
            case "image/png" -> starts(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/webp" -> starts(head, length, 0, 'R', 'I', 'F', 'F') && starts(head, length, 8, 'W', 'E', 'B',
                    'P');
            // ISO base media files (MP4, M4A) share the 'ftyp' box; the brand does not reliably tell sound from video.
            case "video/mp4", "audio/mp4" -> starts(head, length, 4, 'f', 't', 'y', 'p');
            // An ID3 tag, or straight into an MPEG audio frame (11 sync bits).
            case "audio/mpeg" -> starts(head, length, 0, 'I', 'D', '3')
                    || (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0);
            // AMR-NB "#!AMR\n" and AMR-WB "#!AMR-WB\n", as recorded by phones.
            case "audio/amr" -> starts(head, length, 0, '#', '!', 'A', 'M', 'R');
            default -> false;
        };
    }

    private static boolean starts(byte[] head, int length, int offset, int... signature) {
        if (length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
