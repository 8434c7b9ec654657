package io.strategos.api.repository;

import io.strategos.model.schema.RequiredSchema;
import io.strategos.model.schema.StrategySchema;
import jakarta.inject.Singleton;

/** At start-up, refuses a database that lacks a migration of the strategy schema this build has. */
@Singleton
public class StrategySchemaCheck extends RequiredSchema {

    public StrategySchemaCheck() {
        super(StrategySchema.HISTORY_TABLE, StrategySchema.VERSION);
    }
}
