package io.onegrid.address.internal.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** Size and nesting limits on a JsonNode tree, measured without recursion so that hostile input cannot exhaust it. */
final class JsonLimits {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLimits() {
    }

    /**
     * Whether containers (objects and arrays) nest deeper than {@code max}: {@code {}} has depth 1,
     * {@code {"a":[1]}} depth 2, a scalar depth 0.
     */
    static boolean deeperThan(JsonNode root, int max) {
        Deque<Iterator<JsonNode>> stack = new ArrayDeque<>();
        if (root.isContainerNode()) {
            stack.push(root.elements());
        }
        if (stack.size() > max) {
            return true;
        }
        while (!stack.isEmpty()) {
            Iterator<JsonNode> children = stack.peek();
            if (!children.hasNext()) {
                stack.pop();
                continue;
            }
            JsonNode child = children.next();
            if (child.isContainerNode()) {
                stack.push(child.elements());
                if (stack.size() > max) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the compact UTF-8 JSON text of the tree is longer than {@code maxBytes}. Serialization stops as soon as
     * the limit is passed. Call only on trees whose depth was checked: Jackson serializes recursively.
     */
    static boolean largerThan(JsonNode root, long maxBytes) {
        CountingStream out = new CountingStream(maxBytes);
        try {
            MAPPER.writeValue(out, root);
            return false;
        } catch (IOException e) {
            if (out.exceeded) {
                return true;
            }
            throw new IllegalStateException("could not measure a JSON value", e);
        }
    }

    private static final class CountingStream extends OutputStream {

        private final long max;
        private long count;
        private boolean exceeded;

        CountingStream(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                exceeded = true;
                throw new IOException("limit reached");
            }
        }
    }
}
