package io.strategos.api.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A market to watch", example = """
        {"marketId": "0x5f6a", "reason": "election odds moving", "metadata": {"question": "Will X win?", "price": 0.42}}""")
public record WatchlistRequest(
        @NotBlank @Size(max = 200) String marketId,
        @Size(max = 1000) String reason,
        @Schema(description = "The market as it is now, kept as a snapshot") ObjectNode metadata) {
}
