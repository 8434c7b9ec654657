package io.strategos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strategos.localstack.ServiceProcess;
import io.strategos.localstack.testing.TestDatabases;
import io.strategos.model.schema.StrategySchema;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica started before its release's migration Job (as a rollout can) refuses the older schema and
 * exits, saying why; once the Job has migrated, the same replica starts. No replica migrates itself.
 */
class ReplicaWaitsForItsMigrationsIT {

    private static final String DATABASE = TestDatabases.name("strategos_required_schema");
    private static final Map<String, String> AS_IN_THE_CLUSTER = Map.of("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");

    private ReplicaTestBed bed;

    @AfterEach
    void stopEverything() throws Exception {
        bed.close();
    }

    @Test
    void aReplicaRefusesASchemaBehindItsBuildAndStartsOnceItIsMigrated() throws Exception {
        bed = new ReplicaTestBed(DATABASE);
        int previous = StrategySchema.VERSION - 1;
        bed.migrateStrategySchemaTo(Integer.toString(previous));

        ServiceProcess early = bed.launch("executor-worker", "before-the-job", AS_IN_THE_CLUSTER);

        assertThat(early.awaitExit(Duration.ofSeconds(90))).isNotZero();
        assertThat(Files.readString(bed.log("before-the-job")))
                .contains("is at version %d and this build needs %d".formatted(previous, StrategySchema.VERSION));
        assertThat(bed.count("SELECT count(*) FROM flyway_schema_history WHERE version::int > " + previous)).isZero();

        bed.migrateStrategySchemaTo(Integer.toString(StrategySchema.VERSION));
        bed.start("executor-worker", "after-the-job", AS_IN_THE_CLUSTER);
    }
}
