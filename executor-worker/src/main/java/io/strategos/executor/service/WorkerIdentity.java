package io.strategos.executor.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** The name this process leases runs under: the configured worker name plus a random suffix, unique per process. */
@ApplicationScoped
public class WorkerIdentity {

    private final String id;

    public WorkerIdentity(ExecutorSettings settings) {
        this.id = settings.workerName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }
}
