package dev.tasker.core.engine;

import dev.tasker.core.spi.HandlerGroup;
import dev.tasker.core.spi.HandlerResolver;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The free places of each limited handler group (a guest language's contexts), taken before a claim so that the worker
 * never holds a step it cannot start at once: a step waiting for a context would spend its timeout and its lease.
 */
final class GroupSlots {

    private final HandlerResolver handlers;
    private final Map<String, Integer> inUse = new HashMap<>();

    GroupSlots(HandlerResolver handlers) {
        this.handlers = handlers;
    }

    /**
     * Places taken for one claim, by group name; {@link #keep} gives back those the claimed steps do not use.
     *
     * @param shares      the groups the claim was limited to a share of, with their limits
     * @param fullLeftOut whether a group was left out because it was full
     */
    record Taken(Map<String, Integer> byGroup, int claimLimit, ClaimFilter filter, Map<String, Integer> shares,
                 boolean fullLeftOut) {

        Taken(Map<String, Integer> byGroup, int claimLimit) {
            this(byGroup, claimLimit, ClaimFilter.ANY, Map.of(), false);
        }

        /** Whether a group's room may have held back steps that wait: it was full, or its share was filled. */
        boolean heldBack(Map<UUID, String> groupOfClaimed) {
            if (fullLeftOut) {
                return true;
            }
            Map<String, Integer> claimedPerGroup = new HashMap<>();
            groupOfClaimed.values().forEach(group -> claimedPerGroup.merge(group, 1, Integer::sum));
            return shares.entrySet().stream().anyMatch(e -> claimedPerGroup.getOrDefault(e.getKey(), 0) >= e.getValue());
        }
    }

    /**
     * For the worker's own claim of up to {@code free} steps: a group with fewer free places than that gets a share of
     * the claim, a full group is left out, and {@code missing} callables are left out too.
     */
    synchronized Taken forClaim(int free, Set<String> missing) {
        List<HandlerGroup> groups = handlers.groups();
        Map<String, Integer> taken = new HashMap<>();
        List<ClaimFilter.Share> shares = new ArrayList<>();
        Map<String, Integer> shareLimits = new HashMap<>();
        Set<String> excluded = new HashSet<>(missing);
        boolean fullLeftOut = false;
        for (HandlerGroup group : groups) {
            int room = freeIn(group);
            if (room >= free) {
                take(group, free, taken);
                continue;
            }
            if (room == 0) {
                excluded.addAll(group.callables());
                fullLeftOut = true;
            } else {
                shares.add(new ClaimFilter.Share(group.callables(), room));
                shareLimits.put(group.name(), room);
                take(group, room, taken);
            }
        }
        ClaimFilter filter = shares.isEmpty() && excluded.isEmpty() ? ClaimFilter.ANY : new ClaimFilter(shares, excluded);
        return new Taken(taken, free, filter, shareLimits, fullLeftOut);
    }

    /**
     * For a claim that takes the first of some steps in order (a new task's first steps): as many of
     * {@code callables} from the start as there is room for, up to {@code max}.
     */
    synchronized Taken forPrefix(int max, List<String> callables) {
        List<HandlerGroup> groups = handlers.groups();
        Map<String, Integer> taken = new HashMap<>();
        int n = 0;
        for (String callable : callables) {
            if (n == max) {
                break;
            }
            HandlerGroup group = groupOf(groups, callable);
            if (group != null) {
                if (freeIn(group) == 0) {
                    break;
                }
                take(group, 1, taken);
            }
            n++;
        }
        return new Taken(taken, n);
    }

    /**
     * For a claim that cannot choose among some steps (a finishing step's children): up to {@code max} of them, no more
     * than the fullest of their groups has room for. {@code callables} null: they may be of any group.
     */
    synchronized Taken forAnyOf(int max, Collection<String> callables) {
        List<HandlerGroup> groups = handlers.groups();
        List<HandlerGroup> concerned = new ArrayList<>();
        for (HandlerGroup group : groups) {
            if (callables == null || callables.stream().anyMatch(group::contains)) {
                concerned.add(group);
            }
        }
        int limit = max;
        for (HandlerGroup group : concerned) {
            limit = Math.min(limit, freeIn(group));
        }
        Map<String, Integer> taken = new HashMap<>();
        for (HandlerGroup group : concerned) {
            take(group, limit, taken);
        }
        return new Taken(taken, limit);
    }

    /** The claimed steps keep a place in their group; the other places taken are free again. Answers each step's group. */
    synchronized Map<UUID, String> keep(Taken taken, List<ClaimedStep> claimed) {
        if (taken.byGroup().isEmpty()) {
            return Map.of();
        }
        List<HandlerGroup> groups = handlers.groups();
        Map<String, Integer> left = new HashMap<>(taken.byGroup());
        Map<UUID, String> groupOfStep = new HashMap<>();
        for (ClaimedStep step : claimed) {
            HandlerGroup group = groupOf(groups, step.callable());
            if (group != null && left.getOrDefault(group.name(), 0) > 0) {
                left.merge(group.name(), -1, Integer::sum);
                groupOfStep.put(step.stepUuid(), group.name());
            }
        }
        left.forEach((group, n) -> inUse.merge(group, -n, Integer::sum));
        return groupOfStep;
    }

    /** A step of this group (null: of none) stopped running: its handler returned, or it never started. */
    synchronized void release(String group) {
        if (group != null) {
            inUse.merge(group, -1, Integer::sum);
        }
    }

    private static HandlerGroup groupOf(List<HandlerGroup> groups, String callable) {
        for (HandlerGroup group : groups) {
            if (group.contains(callable)) {
                return group;
            }
        }
        return null;
    }

    private int freeIn(HandlerGroup group) {
        return Math.max(0, group.capacity().getAsInt() - inUse.getOrDefault(group.name(), 0));
    }

    private void take(HandlerGroup group, int n, Map<String, Integer> taken) {
        taken.merge(group.name(), n, Integer::sum);
        inUse.merge(group.name(), n, Integer::sum);
    }
}
