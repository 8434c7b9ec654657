package io.strategos.notifier.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.model.FieldError;
import io.strategos.model.event.EventType;
import io.strategos.model.rest.Callers;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.notifier.mapping.NotificationCursor;
import io.strategos.notifier.mapping.NotificationPage;
import io.strategos.notifier.mapping.NotificationView;
import io.strategos.notifier.mapping.UnreadCountView;
import io.strategos.notifier.repository.NotificationRepository;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@SecurityRequirement(name = "jwt")
public class NotificationResource {

    private static final int MAX_LIMIT = 200;

    private final NotificationRepository notifications;
    private final JsonWebToken token;

    public NotificationResource(NotificationRepository notifications, JsonWebToken token) {
        this.notifications = notifications;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first",
            description = "A full page carries nextCursor, and a Link header with rel=\"next\": the same query continued after its last item.")
    public Uni<RestResponse<NotificationPage>> list(@QueryParam("unread") Boolean unread,
                                                          @QueryParam("type") String type,
                                                          @QueryParam("limit") @DefaultValue("50") int limit,
                                                          @QueryParam("cursor") String cursor,
                                                          UriInfo uri) {
        String caller = Callers.id(token);
        List<FieldError> errors = new ArrayList<>();
        if (type != null && EventType.fromTypeName(type).isEmpty()) {
            errors.add(new FieldError("type", "unknown notification type '" + type + "'"));
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        NotificationCursor after = cursor == null ? null : decode(cursor);
        return notifications.list(caller, unread, type, limit, after).map(items -> {
            String next = items.size() == limit ? NotificationCursor.after(items.getLast()).encode() : null;
            RestResponse.ResponseBuilder<NotificationPage> response = RestResponse.ResponseBuilder.ok(new NotificationPage(items, next));
            if (next != null) {
                response.links(Link.fromUriBuilder(uri.getRequestUriBuilder().replaceQueryParam("cursor", next)).rel("next").build());
            }
            return response.build();
        });
    }

    @GET
    @Path("/unread-count")
    @Operation(summary = "How many of the caller's notifications are unread")
    public Uni<UnreadCountView> unreadCount() {
        return notifications.unreadCount(Callers.id(token)).map(UnreadCountView::new);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one notification read")
    public Uni<Void> markRead(@PathParam("id") String id) {
        String caller = Callers.id(token);
        return notifications.markRead(caller, parseId(id)).invoke(NotificationResource::foundOrThrow).replaceWithVoid();
    }

    @POST
    @Path("/read-all")
    @Operation(summary = "Mark every notification of the caller read")
    public Uni<Void> markAllRead() {
        return notifications.markAllRead(Callers.id(token)).replaceWithVoid();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete one notification")
    public Uni<Void> delete(@PathParam("id") String id) {
        String caller = Callers.id(token);
        return notifications.delete(caller, parseId(id)).invoke(NotificationResource::foundOrThrow).replaceWithVoid();
    }

    private static NotificationCursor decode(String cursor) {
        try {
            return NotificationCursor.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(List.of(new FieldError("cursor", "not a cursor from a previous page")));
        }
    }

    /** An id that is not even a UUID names no notification of the caller's: 404, like another user's. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
    }

    private static void foundOrThrow(boolean found) {
        if (!found) {
            throw notFound();
        }
    }

    private static NotFoundException notFound() {
        return new NotFoundException("no such notification");
    }
}
