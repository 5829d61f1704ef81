package dev.tasker.core.engine;

import java.util.List;
import java.util.Set;

/**
 * Which ready steps a claim may take, by callable: none of {@code excluded}, up to {@code atMost} of each share's
 * callables, and any of the others, up to the claim's limit in all.
 */
public record ClaimFilter(List<Share> shares, Set<String> excluded) {

    public static final ClaimFilter ANY = new ClaimFilter(List.of(), Set.of());

    public record Share(Set<String> callables, int atMost) {
    }

    public ClaimFilter {
        shares = List.copyOf(shares);
        excluded = Set.copyOf(excluded);
    }

    public boolean isAny() {
        return shares.isEmpty() && excluded.isEmpty();
    }
}
