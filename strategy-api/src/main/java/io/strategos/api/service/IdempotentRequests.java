package io.strategos.api.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.strategos.api.repository.CallerScope;
import io.strategos.api.repository.IdempotencyKeyRepository;
import io.strategos.api.repository.IdempotencyKeyRepository.StoredAnswer;
import io.strategos.model.FieldError;
import io.strategos.model.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Safe retries of the requests that create something: with an {@code Idempotency-Key}, a request runs
 * once per user and key, and a retry of it (same method, path and body, within 24 hours) gets the first
 * answer (status, body, Location, ETag) again without acting. The key is claimed, the request run and
 * its answer stored in one transaction, so concurrent retries never both act (see V13). A request that
 * fails stores nothing: retried, it runs again.
 */
@ApplicationScoped
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    /** Printable ASCII without spaces, as a UUID or any opaque token a client makes up. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final IdempotencyKeyRepository keys;
    private final CallerScope scope;
    private final ObjectMapper json;

    public IdempotentRequests(IdempotencyKeyRepository keys, CallerScope scope, ObjectMapper json) {
        this.keys = keys;
        this.scope = scope;
        this.json = json;
    }

    /**
     * @param key       the header's value; without one the request simply runs
     * @param request   what identifies the request besides its body: its method and path
     * @param body      the parsed body, or null
     * @param operation the request itself; its @WithTransaction service joins the transaction begun here
     */
    public Uni<Response> once(String ownerId, String key, String request, Object body, Supplier<Uni<Response>> operation) {
        if (key == null) {
            return operation.get();
        }
        if (!KEY.matcher(key).matches()) {
            return Uni.createFrom().failure(new InvalidInputException(List.of(new FieldError(HEADER,
                    "must be 1 to 255 printable ASCII characters without spaces, such as a UUID"))));
        }
        String hash = hash(request, body);
        return Panache.withTransaction(() -> scope.enter(ownerId)
                .flatMap(entered -> keys.claim(ownerId, key, hash))
                .flatMap(claimed -> claimed
                        ? operation.get().call(answer -> store(ownerId, key, answer))
                        : keys.find(ownerId, key).map(stored -> replay(stored.orElseThrow(), hash))));
    }

    private Uni<Void> store(String ownerId, String key, Response answer) {
        String location = answer.getLocation() == null ? null : answer.getLocation().toString();
        return keys.answer(ownerId, key, answer.getStatus(), location, answer.getHeaderString(HttpHeaders.ETAG),
                answer.hasEntity() ? write(answer.getEntity()) : null);
    }

    private static Response replay(StoredAnswer stored, String hash) {
        if (!stored.requestHash().equals(hash)) {
            throw new InvalidInputException(422, List.of(new FieldError(HEADER,
                    "was first used for another request (another endpoint or body); use a new key for a new request")));
        }
        Response.ResponseBuilder response = Response.status(stored.status());
        if (stored.body() != null) {
            response.entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        return response.build();
    }

    private String hash(String request, Object body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(request.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(body == null ? new byte[0] : json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private String write(Object entity) {
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the answer", e);
        }
    }
}
