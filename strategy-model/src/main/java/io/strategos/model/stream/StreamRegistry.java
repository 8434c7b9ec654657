package io.strategos.model.stream;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The streams open on this replica, by user: whom a change wakes. */
public final class StreamRegistry {

    private final Map<String, Set<ChangeStream>> byUser = new ConcurrentHashMap<>();

    void add(ChangeStream stream) {
        byUser.computeIfAbsent(stream.userId(), user -> ConcurrentHashMap.newKeySet()).add(stream);
    }

    void remove(ChangeStream stream) {
        byUser.computeIfPresent(stream.userId(), (user, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** The user's data changed: their streams read what is new. */
    public void wake(String userId) {
        Set<ChangeStream> streams = byUser.get(userId);
        if (streams != null) {
            streams.forEach(ChangeStream::wake);
        }
    }

    /** Changes may have been missed (the listening connection was down): every stream reads. */
    public void wakeAll() {
        byUser.values().forEach(streams -> streams.forEach(ChangeStream::wake));
    }

    /** A heartbeat to every stream; see {@link ChangeStream#heartbeat()}. */
    public void heartbeat() {
        byUser.values().forEach(streams -> streams.forEach(ChangeStream::heartbeat));
    }

    /** How many streams are open on this replica. */
    public int size() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }
}
