package io.strategos.notifier.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.strategos.model.FieldError;
import io.strategos.model.rest.Callers;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.stream.LastEventId;
import io.strategos.notifier.mapping.NotificationChange;
import io.strategos.notifier.stream.NotificationStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notifications/stream")
@Authenticated
@Tag(name = "Notifications")
@SecurityRequirement(name = "jwt")
public class NotificationStreamResource {

    private final NotificationStreams streams;
    private final JsonWebToken token;

    public NotificationStreamResource(NotificationStreams streams, JsonWebToken token) {
        this.streams = streams;
        this.token = token;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The caller's notifications as they are created or collapse, with the unread count (server-sent events)",
            description = """
                    A stream opened without Last-Event-ID starts with an `unread-count` event (no notification). Then each \
                    notification created, or collapsed into (its count went up), is a `notification` event whose data is \
                    `{seq, notification, unreadCount}`; the event id is `seq`, which orders the caller's changes. Reconnect with \
                    the last id seen as `Last-Event-ID` to get every change after it, from the database, whichever replica \
                    serves it. A comment line every `strategos.notifier.stream.heartbeat` keeps proxies from closing an idle \
                    stream. At most `strategos.notifier.stream.buffer-size` events wait for a slow client; one that takes \
                    nothing for a heartbeat interval while events wait is disconnected, and replays when it reconnects.""")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = NotificationChange.class)))
    @APIResponse(responseCode = "400", description = "Last-Event-ID is not an id of this stream")
    @APIResponse(responseCode = "401", description = "No valid token")
    public void stream(@Parameter(in = ParameterIn.HEADER, description = "The id of the last event seen, to replay what came after it")
                       @HeaderParam(LastEventId.HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        List<FieldError> errors = new ArrayList<>();
        Long after = LastEventId.parse(lastEventId, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        streams.open(Callers.id(token), after, sink, sse);
    }
}
