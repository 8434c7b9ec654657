package io.strategos.model.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One node of a strategy graph. {@code position} is where the builder draws it and means nothing
 * to the executor; {@code config} is validated against the node type's schema.
 */
public record GraphNode(String id, String type, Position position, ObjectNode config) {

    public record Position(double x, double y) {
    }
}
