package io.strategos.api.stream;

import io.strategos.model.stream.StreamRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** This replica's one registry of open run streams. */
public class StreamRegistryProducer {

    @Produces
    @Singleton
    StreamRegistry registry() {
        return new StreamRegistry();
    }
}
