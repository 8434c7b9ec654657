package io.strategos.notifier.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.strategos.model.FieldError;
import io.strategos.model.event.EventType;
import io.strategos.model.rest.Callers;
import io.strategos.model.rest.InvalidInputException;
import io.strategos.notifier.mapping.NotificationSettingsView;
import io.strategos.notifier.mapping.ProfileBody;
import io.strategos.notifier.mapping.TypeSettingRequest;
import io.strategos.notifier.mapping.TypeSettingView;
import io.strategos.notifier.preference.Profile;
import io.strategos.notifier.preference.TypePreference;
import io.strategos.notifier.repository.PreferenceRepository;
import io.strategos.notifier.service.SettingsValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/notification-settings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notification settings")
@SecurityRequirement(name = "jwt")
public class NotificationSettingsResource {

    private final PreferenceRepository preferences;
    private final JsonWebToken token;
    private final Clock clock;

    public NotificationSettingsResource(PreferenceRepository preferences, JsonWebToken token, Clock clock) {
        this.preferences = preferences;
        this.token = token;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every notification type's setting, defaults filled in, with the caller's time zone and email")
    public Uni<NotificationSettingsView> get() {
        String caller = Callers.id(token);
        return preferences.findProfile(caller).flatMap(profile -> preferences.findSettings(caller)
                .map(settings -> NotificationSettingsView.of(profile, settings)));
    }

    @PUT
    @Path("/profile")
    @Operation(summary = "Set the time zone quiet hours are evaluated in, and the email address (null for none)")
    public Uni<ProfileBody> putProfile(ProfileBody body) {
        String caller = Callers.id(token);
        Profile profile = SettingsValidator.profile(body);
        return preferences.saveProfile(caller, profile, now()).replaceWith(ProfileBody.of(profile));
    }

    @PUT
    @Path("/{type}")
    @Operation(summary = "Set whether, how and when one notification type is delivered")
    public Uni<TypeSettingView> putType(@PathParam("type") String typeName, TypeSettingRequest body) {
        String caller = Callers.id(token);
        EventType type = EventType.fromTypeName(typeName).orElseThrow(() -> new InvalidInputException(
                List.of(new FieldError("type", "unknown notification type '" + typeName + "'"))));
        TypePreference preference = SettingsValidator.typePreference(body);
        return preferences.saveSetting(caller, type, preference, now()).replaceWith(TypeSettingView.of(type, preference));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
