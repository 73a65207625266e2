package org.mfs.platform.outbox;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** How the relay reads a failed send: a problem of one topic, of the producer itself, or of the broker. */
final class ProducerErrors {

    private ProducerErrors() {
    }

    /** The topic is missing, deleted, denied or invalid: only rows of that topic (and their aggregates) wait. */
    static boolean isTopicError(Throwable e) {
        return e instanceof UnknownTopicOrPartitionException || e instanceof TopicAuthorizationException
                || e instanceof InvalidTopicException
                // KafkaProducer.send reports a metadata wait that ran out (max.block.ms) through the future
                || (e instanceof TimeoutException && e.getMessage() != null
                        && e.getMessage().contains("not present in metadata"));
    }

    /**
     * The producer cannot be used again (authorisation, unsupported version, fenced or unknown producer id, a
     * broken sequence, or closed): the relay closes it and builds a new one before the next batch.
     */
    static boolean isFatal(Throwable e) {
        return (e instanceof AuthorizationException && !(e instanceof TopicAuthorizationException))
                || e instanceof AuthenticationException || e instanceof UnsupportedVersionException
                || e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof InvalidPidMappingException || e instanceof UnknownProducerIdException
                || e instanceof InvalidProducerEpochException || e instanceof IllegalStateException;
    }

    static String describe(Throwable e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
