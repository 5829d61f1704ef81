package dev.tasker.core.engine;

import java.util.List;
import java.util.Set;

/**
 * Which ready steps a claim may take, by callable: up to {@code atMost} of each share's callables, none of
 * {@code excluded}, and of all other callables as many as the claim's limit leaves.
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

    public int sharesTotal() {
        return shares.stream().mapToInt(Share::atMost).sum();
    }
}
