package io.strategos.model.rest;

/** The request body passed {@code strategos.http.max-body-size} while it was being read: 413. */
public class ContentTooLargeException extends RuntimeException {

    public ContentTooLargeException(String detail) {
        super(detail);
    }
}
