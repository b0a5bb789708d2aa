package slaclab.environments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import slaclab.environments.Tolerance.Sigmoid;

class ToleranceTest {
    private static final double EPS = 1e-12;

    @Test
    void insideTheBoundsIsOne() {
        for (Sigmoid s : Sigmoid.values()) {
            assertEquals(1.0, Tolerance.tolerance(-1, -1, 2, 0.5, s, 0.1), EPS);
            assertEquals(1.0, Tolerance.tolerance(0.3, -1, 2, 0.5, s, 0.1), EPS);
            assertEquals(1.0, Tolerance.tolerance(2, -1, 2, 0.5, s, 0.1), EPS);
        }
        assertEquals(1.0, Tolerance.tolerance(0, 0, 0, 2), EPS);
        assertEquals(1.0, Tolerance.tolerance(1e9, 1.2, Double.POSITIVE_INFINITY, 0.6), EPS);
    }

    @Test
    void zeroMarginIsZeroOutside() {
        for (Sigmoid s : Sigmoid.values()) {
            assertEquals(0.0, Tolerance.tolerance(2.0001, -1, 2, 0, s, 0.1), EPS);
            assertEquals(0.0, Tolerance.tolerance(-1.5, -1, 2, 0, s, 0.1), EPS);
        }
    }

    @Test
    void everySigmoidGivesValueAtMarginAtDistanceOne() {
        for (Sigmoid s : Sigmoid.values()) {
            for (double v : new double[] {0.1, 0.5, 0.9}) {
                assertEquals(v, Tolerance.tolerance(3, 0, 1, 2, s, v), 1e-12, s + " above");
                assertEquals(v, Tolerance.tolerance(-2, 0, 1, 2, s, v), 1e-12, s + " below");
            }
        }
    }

    @Test
    void gaussianMatchesHandValues() {
        // d = 2, v = 0.1: exp(-0.5 * 4 * (-2 ln 0.1)) = 0.1^4
        assertEquals(1e-4, Tolerance.tolerance(4, 0, 0, 2), 1e-15);
        // d = 0.5: 0.1^(1/4)
        assertEquals(Math.pow(0.1, 0.25), Tolerance.tolerance(-1, 0, 0, 2), 1e-12);
        assertEquals(0.1, Tolerance.tolerance(5, 0, 0, 5), 1e-12);
    }

    @Test
    void linearMatchesHandValues() {
        // d = 0.5, v = 0.1: 1 - 0.5 * 0.9 = 0.55
        assertEquals(0.55, Tolerance.tolerance(1.5, 0, 1, 1, Sigmoid.LINEAR, 0.1), 1e-12);
        // d = 2: 1 - 2 * 0.9 < 0 -> 0
        assertEquals(0.0, Tolerance.tolerance(3, 0, 1, 1, Sigmoid.LINEAR, 0.1), 1e-12);
        assertEquals(0.0, Tolerance.tolerance(1, 0, 0, 1, Sigmoid.LINEAR, 0), 1e-12);
    }

    @Test
    void quadraticMatchesHandValues() {
        // DMC cartpole small_control: value_at_margin 0, margin 1 -> max(0, 1 - u^2)
        assertEquals(0.75, Tolerance.tolerance(0.5, 0, 0, 1, Sigmoid.QUADRATIC, 0), 1e-12);
        assertEquals(0.75, Tolerance.tolerance(-0.5, 0, 0, 1, Sigmoid.QUADRATIC, 0), 1e-12);
        assertEquals(0.0, Tolerance.tolerance(1, 0, 0, 1, Sigmoid.QUADRATIC, 0), 1e-12);
        assertEquals(0.0, Tolerance.tolerance(3, 0, 0, 1, Sigmoid.QUADRATIC, 0), 1e-12);
        // d = 0.5, v = 0.1: 1 - 0.25 * 0.9
        assertEquals(0.775, Tolerance.tolerance(0.5, 0, 0, 1, Sigmoid.QUADRATIC, 0.1), 1e-12);
    }

    @Test
    void rejectsInvalidArguments() {
        assertThrows(IllegalArgumentException.class, () -> Tolerance.tolerance(0, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Tolerance.tolerance(0, 0, 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> Tolerance.tolerance(0, 0, 1, 1, Sigmoid.GAUSSIAN, 0));
        assertThrows(IllegalArgumentException.class,
                () -> Tolerance.tolerance(0, 0, 1, 1, Sigmoid.LINEAR, 1));
    }
}
