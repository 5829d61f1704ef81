package dev.tasker.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * In-process subscribers of fast and broadcast events. Delivery runs on its own thread, so a slow or
 * throwing subscriber never fails or slows a step.
 */
public final class EventBus implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventBus.class.getName());

    private final List<Consumer<DomainEvent>> subscribers = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tasker-events");
        t.setDaemon(true);
        return t;
    });

    /** Returns a handle that unsubscribes. */
    public Runnable subscribe(Consumer<DomainEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    public void publish(List<DomainEvent> events) {
        if (events.isEmpty() || subscribers.isEmpty()) {
            return;
        }
        delivery.execute(() -> {
            for (DomainEvent event : events) {
                for (Consumer<DomainEvent> subscriber : subscribers) {
                    try {
                        subscriber.accept(event);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "A subscriber of " + event.name() + " failed; the step is not affected", e);
                    }
                }
            }
        });
    }

    @Override
    public void close() {
        delivery.shutdown();
    }
}
