package org.mfs.security.consumers;

/** A record that can never be applied, whatever the retries: it goes to the dead-letter topic with this reason. */
public class Unprocessable extends RuntimeException {

    public Unprocessable(String reason) {
        super(reason);
    }
}
