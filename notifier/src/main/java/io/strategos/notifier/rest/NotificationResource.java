package io.strategos.notifier.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.model.event.EventType;
import io.strategos.model.rest.Callers;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.model.FieldError;
import io.strategos.notifier.mapping.NotificationView;
import io.strategos.notifier.repository.NotificationRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notifications")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
@SecurityRequirement(name = "jwt")
public class NotificationResource {

    private final NotificationRepository notifications;
    private final JsonWebToken token;

    public NotificationResource(NotificationRepository notifications, JsonWebToken token) {
        this.notifications = notifications;
        this.token = token;
    }

    @GET
    @Operation(summary = "The caller's notifications, newest first")
    public Uni<List<NotificationView>> list(@QueryParam("unread") Boolean unread,
                                            @QueryParam("type") String type,
                                            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        if (type != null && EventType.fromTypeName(type).isEmpty()) {
            throw new InvalidInputException(List.of(new FieldError("type", "unknown notification type '" + type + "'")));
        }
        return notifications.list(Callers.id(token), unread, type, limit);
    }
}
