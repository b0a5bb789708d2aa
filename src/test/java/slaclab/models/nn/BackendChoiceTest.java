package slaclab.models.nn;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the native build is chosen when an installer ships only some of the three. */
class BackendChoiceTest {
    private static final Set<String> AVX512 = Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> AVX2 = Set.of("avx2", "fma");
    private static final Set<String> OLD = Set.of("sse4_2");

    @Test
    void fastestShippedBuildTheCpuRuns() {
        Set<String> installer = Set.of("-onednn-avx2", "");
        assertEquals("-onednn-avx2", Backend.choose(AVX512, installer::contains), "no avx512 build shipped: avx2");
        assertEquals("-onednn-avx2", Backend.choose(AVX2, installer::contains));
        assertEquals("", Backend.choose(OLD, installer::contains), "no AVX2: the generic fallback");
        Set<String> jar = Set.of("-onednn-avx512", "-onednn-avx2", "");
        assertEquals("-onednn-avx512", Backend.choose(AVX512, jar::contains));
    }

    @Test
    void nothingFoundOnTheClassPathChoosesFromTheCpuAlone() {
        assertEquals("-onednn-avx512", Backend.choose(AVX512, e -> false));
        assertEquals("", Backend.choose(OLD, e -> false));
    }

    @Test
    void forcingABuildThatIsNotShippedSaysWhichAre() {
        Set<String> installer = Set.of("-onednn-avx2", "");
        assertEquals("", Backend.forcedExtension("generic", installer::contains));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backend.forcedExtension("avx512", installer::contains));
        assertTrue(e.getMessage().contains("it has avx2, generic"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Backend.forcedExtension("fast", installer::contains));
    }

    @Test
    void theJarShipsAllThreeForThisPlatform() {
        assertEquals("linux-x86_64", Backend.platform("Linux", "amd64"));
        assertEquals("windows-x86_64", Backend.platform("Windows 10", "amd64"));
        assertEquals("macosx-arm64", Backend.platform("Mac OS X", "aarch64"));
        if (Backend.platform(System.getProperty("os.name"), System.getProperty("os.arch")).equals("linux-x86_64")) {
            for (String ext : new String[]{"-onednn-avx512", "-onednn-avx2", ""}) {
                assertTrue(Backend.shipped(ext), "nd4j-native" + ext + " is a dependency of the pom");
            }
        }
    }
}
