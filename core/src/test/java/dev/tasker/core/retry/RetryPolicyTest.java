package dev.tasker.core.retry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    @Test
    void eachBackoffGrowsAsItsNameSaysBeforeJitter() {
        assertThat(Backoff.NONE.rawDelayMs(3, 100)).isZero();
        assertThat(Backoff.LINEAR.rawDelayMs(3, 100)).isEqualTo(300);
        assertThat(Backoff.EXPONENTIAL.rawDelayMs(1, 100)).isEqualTo(100);
        assertThat(Backoff.EXPONENTIAL.rawDelayMs(4, 100)).isEqualTo(800);
        assertThat(Backoff.FIBONACCI.rawDelayMs(1, 100)).isEqualTo(100);
        assertThat(Backoff.FIBONACCI.rawDelayMs(5, 100)).isEqualTo(500);
        assertThat(Backoff.EXPONENTIAL.rawDelayMs(200, 1000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void delaysAreJitteredWithinAQuarterAndCapped() {
        RetryPolicy policy = new RetryPolicy(true, 10, Backoff.EXPONENTIAL, 1000, 5000);
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayAfter(2).toMillis()).isBetween(1500L, 2500L);
            assertThat(policy.delayAfter(9).toMillis()).isBetween(3750L, 5000L);
        }
    }

    @Test
    void anotherAttemptOnlyWhileRetryableAndUnderTheLimit() {
        RetryPolicy three = new RetryPolicy(true, 3, Backoff.NONE, 0, 0);
        assertThat(three.allowsAnotherAttempt(2)).isTrue();
        assertThat(three.allowsAnotherAttempt(3)).isFalse();
        assertThat(new RetryPolicy(false, 3, Backoff.NONE, 0, 0).allowsAnotherAttempt(1)).isFalse();
    }
}
