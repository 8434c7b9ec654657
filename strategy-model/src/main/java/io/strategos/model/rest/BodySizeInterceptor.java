package io.strategos.model.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of every request body as the REST layer reads it, and stops at
 * {@link BodySizeLimit#maxBytes()}: the only place a body of undeclared length can be measured without
 * reading it ahead of the REST layer.
 */
@Provider
public class BodySizeInterceptor implements ReaderInterceptor {

    @Inject
    BodySizeLimit limit;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Limited(context.getInputStream(), limit.maxBytes()));
        try {
            return context.proceed();
        } catch (Overflow e) {
            throw new ContentTooLargeException(limit.detail());
        }
    }

    /** An IOException, which Jackson passes through as it is, where it would wrap any other exception in a mapping error. */
    private static final class Overflow extends IOException {
        Overflow() {
            super("request body over the limit");
        }
    }

    private static final class Limited extends FilterInputStream {

        private final long maxBytes;
        private long read;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
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

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) throws Overflow {
            read += n;
            if (read > maxBytes) {
                throw new Overflow();
            }
        }
    }
}
