package dev.tasker.core.state;

/** A state change that the transition table does not allow: a bug in the engine, never a user error. */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String what, Enum<?> from, Enum<?> to) {
        super("illegal " + what + " transition " + from.name().toLowerCase() + " -> " + to.name().toLowerCase());
    }
}
