package io.strategos.model.schema;

/** The strategy schema (migrations in {@code db/strategy}), which strategy-api and executor-worker share. */
public final class StrategySchema {

    /** The newest migration in {@code db/strategy}; StrategySchemaTest fails until a new one is counted here. */
    public static final int VERSION = 25;

    /** Flyway's history of it, in the schema the services' search path starts with. */
    public static final String HISTORY_TABLE = "flyway_schema_history";

    private StrategySchema() {
    }
}
