package io.concordbridge.core.model;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalTest {

    /** A Long's digits written in place encode exactly as the same number's decimal text (a BigInteger's). */
    @Test
    void aLongEncodesAsItsDecimalValueWhateverItsSizeAndSign() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, 9L, 10L, -10L, 99L, 100L, -100L, 12_345L,
                999_999_999_999L, 1_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long v : values) {
            byte[] inPlace = new Canonical(4).name("n").value(v).value(v).bytes();
            byte[] asText = new Canonical(4).name("n").value(BigInteger.valueOf(v)).value(BigInteger.valueOf(v)).bytes();
            assertThat(inPlace).as("%d", v).isEqualTo(asText);
        }
    }
}
