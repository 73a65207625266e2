package org.mfs.platform.consumer;

/** Thrown by an {@link EventHandler} for a record that can never be applied; the message is the dead-letter reason. */
public class UnprocessableEvent extends RuntimeException {

    public UnprocessableEvent(String reason) {
        super(reason);
    }
}
