package org.mfs.platform.infra;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every REST Assured request of each test in the annotated class carries a valid admin token
 * ({@link TestTokens#admin()}), from before the class's {@code @BeforeEach} methods until after its
 * {@code @AfterEach} methods; a request's own {@code .auth().oauth2(other)} or {@code .auth().none()} replaces it.
 * <p>
 * The API needs a bearer token; tests about other rules than access act as an administrator. Tests about access
 * sign their own tokens with {@link TestTokens#user(String)} instead.
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;SignedInAsAdmin
 * class RoutingTest { ... }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SignedInAsAdmin.Extension.class)
public @interface SignedInAsAdmin {

    /** Signs in before each test ({@link TestTokens#useForEveryRequest}) and out after it. */
    final class Extension implements BeforeEachCallback, AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            TestTokens.useForEveryRequest(TestTokens.admin());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            TestTokens.clearDefault();
        }
    }
}
