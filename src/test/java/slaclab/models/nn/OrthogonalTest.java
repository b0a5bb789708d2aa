package slaclab.models.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The orthogonal initialisation's Q is that of the QR factorisation with a positive diagonal in R (PyTorch's sign
 * convention, which makes the draw uniform over orthogonal matrices), checked on a 3 x 2 matrix by hand.
 */
class OrthogonalTest {
    @Test
    void gramSchmidtGivesTheQOfQrWithAPositiveDiagonal() {
        // G = [g0 g1], g0 = (3, 4, 0), g1 = (1, 1, 1): q0 = g0 / 5; g1 - (q0 . g1) q0 = (0.16, -0.12, 1), norm sqrt(1.04)
        double[][] q = {{3, 4, 0}, {1, 1, 1}};
        Orthogonal.gramSchmidt(q);
        double n = Math.sqrt(1.04);
        assertArrayEquals(new double[]{0.6, 0.8, 0}, q[0], 1e-12);
        assertArrayEquals(new double[]{0.16 / n, -0.12 / n, 1 / n}, q[1], 1e-12);
    }

    @Test
    void aColumnPointingAgainstItsDrawStaysPositiveAlongIt() {
        // g1 = -(q0 + e3): its component orthogonal to q0 is -e3, so q1 = -e3 (R's diagonal entry |g1 - proj| > 0)
        double[][] q = {{0, 1, 0}, {0, -1, -1}};
        Orthogonal.gramSchmidt(q);
        assertArrayEquals(new double[]{0, 0, -1}, q[1], 1e-12);
    }
}
