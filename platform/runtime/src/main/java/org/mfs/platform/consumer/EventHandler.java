package org.mfs.platform.consumer;

/**
 * Applies one event to the service's state. It runs inside the transaction in which the consumer also records the
 * event id and the aggregate's sequence, so the effect exists exactly when the event counts as processed.
 * <ul>
 * <li>Throw {@link UnprocessableEvent} for a record that can never be applied (unreadable, invalid): it goes to the
 * dead-letter topic at once with the message as reason.</li>
 * <li>Any other exception rolls the transaction back; the record is tried again, and after
 * {@code mfs.consumer.max-attempts} failures (while the database answers) it goes to the dead-letter topic.</li>
 * </ul>
 */
@FunctionalInterface
public interface EventHandler {

    void apply(InboundEvent event) throws Exception;
}
