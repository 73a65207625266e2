package org.mfs.minerals;

import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;

/** Number matchers that ignore how JSON wrote the number (4500, 4500.0 or 4.5E3 are all 4500). */
final class Num {

    private Num() {
    }

    static Matcher<Object> num(double expected) {
        return near(expected, 1e-9 * Math.max(1, Math.abs(expected)));
    }

    static Matcher<Object> near(double expected, double tolerance) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object o) {
                if (o instanceof Float f) {
                    // REST Assured reads JSON decimals as floats: compare at float precision
                    return Math.abs(f - (float) expected) <= Math.max(Math.ulp((float) expected), (float) tolerance);
                }
                return o instanceof Number n && Math.abs(n.doubleValue() - expected) <= tolerance;
            }

            @Override
            public void describeTo(Description d) {
                d.appendText("a number within " + tolerance + " of " + expected);
            }
        };
    }
}
