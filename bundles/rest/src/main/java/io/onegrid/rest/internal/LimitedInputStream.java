package io.onegrid.rest.internal;

import io.onegrid.api.problem.ProblemException;
import io.onegrid.api.problem.ProblemType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Refuses an upload with 413 as soon as it passes the configured size, without buffering it. */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        count += n;
        if (count > limit) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "Uploads are limited to " + limit + " bytes",
                    Map.of("limit", limit), null);
        }
    }
}
