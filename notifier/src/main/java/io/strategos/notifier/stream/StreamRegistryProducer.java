package io.strategos.notifier.stream;

import io.strategos.model.stream.StreamRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This replica's one registry of open notification streams. */
public class StreamRegistryProducer {

    @Produces
    @Singleton
    StreamRegistry registry() {
        return new StreamRegistry();
    }
}
