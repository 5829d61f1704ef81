package dev.tasker.core.engine;

import dev.tasker.core.handler.HandlerGroup;
import dev.tasker.core.handler.HandlerResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The free places of each limited handler group (a guest language's contexts), taken before a claim so that the worker
 * never holds a step it cannot start at once: a step waiting for a context would spend its timeout and its lease.
 */
final class GroupSlots {

    private final HandlerResolver handlers;
    private final Map<String, Integer> inUse = new HashMap<>();
    private int rotation;

    GroupSlots(HandlerResolver handlers) {
        this.handlers = handlers;
    }

    /** Places taken for one claim, per group; {@link #keep} gives back those the claimed steps do not use. */
    record Taken(Map<HandlerGroup, Integer> byGroup, int claimLimit, ClaimFilter filter) {
        static final Taken NONE = new Taken(Map.of(), 0, ClaimFilter.ANY);
    }

    /**
     * For the worker's own claim of up to {@code free} steps: a group with fewer free places than that gets a share of
     * the claim, a full group is left out, and {@code missing} callables are left out too.
     */
    synchronized Taken forClaim(int free, Set<String> missing) {
        List<HandlerGroup> groups = handlers.groups();
        if (groups.isEmpty()) {
            return new Taken(Map.of(), free, missing.isEmpty() ? ClaimFilter.ANY : new ClaimFilter(List.of(), missing));
        }
        Map<HandlerGroup, Integer> taken = new HashMap<>();
        List<ClaimFilter.Share> shares = new ArrayList<>();
        Set<String> excluded = new HashSet<>(missing);
        int left = free;
        int start = rotation++ % groups.size();
        for (int i = 0; i < groups.size(); i++) {
            HandlerGroup group = groups.get((start + i) % groups.size());
            int n = Math.min(freeIn(group), free);
            if (n < free) {
                n = Math.min(n, left);
                left -= n;
                if (n == 0) {
                    excluded.addAll(group.callables());
                } else {
                    shares.add(new ClaimFilter.Share(group.callables(), n));
                }
            }
            take(group, n, taken);
        }
        return new Taken(taken, free, new ClaimFilter(shares, excluded));
    }

    /**
     * For a claim that cannot choose by callable (a finishing step's children, a new task's first steps): up to
     * {@code max} steps of any group, so no more than the fullest group has room for.
     */
    synchronized Taken forAnyOf(int max) {
        List<HandlerGroup> groups = handlers.groups();
        int limit = max;
        for (HandlerGroup group : groups) {
            limit = Math.min(limit, freeIn(group));
        }
        Map<HandlerGroup, Integer> taken = new HashMap<>();
        for (HandlerGroup group : groups) {
            take(group, limit, taken);
        }
        return new Taken(taken, limit, ClaimFilter.ANY);
    }

    /** What {@link #forAnyOf} took when it answered {@code limit} (for a claim that ends elsewhere: a task's creation). */
    synchronized Taken takenForAnyOf(int limit) {
        Map<HandlerGroup, Integer> taken = new HashMap<>();
        handlers.groups().forEach(group -> taken.put(group, limit));
        return new Taken(taken, limit, ClaimFilter.ANY);
    }

    /** The claimed steps keep a place in their group; the other places taken are free again. Answers each step's group. */
    synchronized Map<java.util.UUID, String> keep(Taken taken, List<ClaimedStep> claimed) {
        Map<HandlerGroup, Integer> left = new HashMap<>(taken.byGroup());
        Map<java.util.UUID, String> groupOfStep = new HashMap<>();
        for (ClaimedStep step : claimed) {
            for (Map.Entry<HandlerGroup, Integer> e : left.entrySet()) {
                if (e.getKey().contains(step.callable()) && e.getValue() > 0) {
                    e.setValue(e.getValue() - 1);
                    groupOfStep.put(step.stepUuid(), e.getKey().name());
                    break;
                }
            }
        }
        left.forEach((group, n) -> inUse.merge(group.name(), -n, Integer::sum));
        return groupOfStep;
    }

    /** A step of this group (null: of none) stopped running: its handler returned, or it never started. */
    synchronized void release(String group) {
        if (group != null) {
            inUse.merge(group, -1, Integer::sum);
        }
    }

    private int freeIn(HandlerGroup group) {
        return Math.max(0, group.capacity().getAsInt() - inUse.getOrDefault(group.name(), 0));
    }

    private void take(HandlerGroup group, int n, Map<HandlerGroup, Integer> taken) {
        taken.put(group, n);
        inUse.merge(group.name(), n, Integer::sum);
    }
}
