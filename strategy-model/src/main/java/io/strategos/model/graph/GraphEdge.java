package io.strategos.model.graph;

/** A directed edge: the output of {@code source} feeds {@code target}. */
public record GraphEdge(String id, String source, String target) {
}
