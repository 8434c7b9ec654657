package io.strategos.notifier.repository;

import io.strategos.model.schema.RequiredSchema;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At start-up, refuses a database that lacks a migration of the notifier schema this build has. */
@Singleton
public class NotifierSchemaCheck extends RequiredSchema {

    /** The newest migration in {@code db/notifier}; NotifierSchemaCheckTest fails until a new one is counted here. */
    static final int VERSION = 3;

    @Inject
    public NotifierSchemaCheck(@ConfigProperty(name = "quarkus.flyway.schemas") String schema) {
        super(schema + ".flyway_schema_history", VERSION);
    }
}
