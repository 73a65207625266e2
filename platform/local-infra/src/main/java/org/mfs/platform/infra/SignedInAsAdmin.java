package org.mfs.platform.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests about rules other than identity: every request a test makes carries an administrator's token.
 * The methods run on the test instance, inside the test's own class loader (a JUnit extension would build the token
 * under another one after other {@code @QuarkusTest} classes, as the reverted @SignedInAsAdmin extension did).
 */
public abstract class SignedInAsAdmin {

    @BeforeEach
    protected void signIn() {
        TestTokens.useForEveryRequest(TestTokens.admin());
    }

    @AfterEach
    protected void signOut() {
        TestTokens.clearDefault();
    }
}
