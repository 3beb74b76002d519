package org.calmdesk.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

/**
 * Refuses bodies over the configured limit with 413: at once when Content-Length says so,
 * and while reading when a chunked body grows past it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class BodyLimitFilter implements ContainerRequestFilter {

    private final RestSettings settings;

    BodyLimitFilter(RestSettings settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long limit = settings.maxBodyBytes;
        if (request.getLength() > limit) {
            request.abortWith(tooLarge(limit, request.getUriInfo().getRequestUri().getRawPath()));
            return;
        }
        if (request.hasEntity()) {
            request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
        }
    }

    static Response tooLarge(long limit, String path) {
        return ProblemResponses.problem(413, "Payload too large",
                "The request body exceeds the limit of " + limit + " bytes", path);
    }

    /** Thrown from inside the JSON reader; JAX-RS maps it like any other 413. */
    static final class TooLargeException extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super(413);
        }
    }

    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

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
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new TooLargeException();
            }
        }
    }
}
