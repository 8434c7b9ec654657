package io.strategos.api.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.strategos.api.mapping.RunChangeView;
import io.strategos.api.stream.RunStreams;
import io.strategos.model.FieldError;
import io.strategos.model.rest.Callers;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.stream.LastEventId;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/strategies/stream")
@Authenticated
@Tag(name = "Executions")
@SecurityRequirement(name = "jwt")
public class RunStreamResource {

    private final RunStreams streams;
    private final JsonWebToken token;

    public RunStreamResource(RunStreams streams, JsonWebToken token) {
        this.streams = streams;
        this.token = token;
    }

    @GET
    @NonBlocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The caller's runs and status changes as they are recorded (server-sent events)",
            description = """
                    Each run recorded is an `execution` event, each status change (start, pause, resume, stop, ...) a `status` \
                    event; the data is `{seq, strategyId, execution | statusChange}` (an execution without its node logs: read \
                    them at /api/v1/executions/{id}). The event id is `seq`, which orders the caller's changes; reconnect with \
                    the last one seen as `Last-Event-ID` to get every change after it (kept for \
                    `strategos.api.stream.replay-window`), whichever replica serves it. `?strategyId=` narrows the stream to one \
                    strategy. A comment line every `strategos.api.stream.heartbeat` keeps proxies from closing an idle stream. \
                    At most `strategos.api.stream.buffer-size` events wait for a slow client; one that takes nothing for a \
                    heartbeat interval while events wait is disconnected, and replays when it reconnects.""")
    @APIResponse(responseCode = "200", description = "The stream",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = RunChangeView.class)))
    @APIResponse(responseCode = "400", description = "strategyId is not a UUID, or Last-Event-ID is not an id of this stream")
    @APIResponse(responseCode = "401", description = "No valid token")
    public void stream(@Parameter(description = "Only this strategy's changes") @QueryParam("strategyId") String strategyId,
                       @Parameter(in = ParameterIn.HEADER, description = "The id of the last event seen, to replay what came after it")
                       @HeaderParam(LastEventId.HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        List<FieldError> errors = new ArrayList<>();
        UUID strategy = strategyId(strategyId, errors);
        Long after = LastEventId.parse(lastEventId, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        streams.open(Callers.id(token), strategy, after, sink, sse);
    }

    private static UUID strategyId(String value, List<FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("strategyId", "not a strategy id"));
            return null;
        }
    }
}
