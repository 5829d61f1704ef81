package dev.tasker.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Two threads calling one pool at once. */
final class PoolStress {

    interface Call {
        long doubled(int n) throws Exception;
    }

    private PoolStress() {
    }

    /** Each of two threads sums {@code call(i)} for i in 0..calls-1; answers both sums. */
    static List<Long> sumOfDoubles(int calls, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                sums.add(threads.submit(() -> {
                    long sum = 0;
                    for (int i = 0; i < calls; i++) {
                        sum += call.doubled(i);
                    }
                    return sum;
                }));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> sum : sums) {
                out.add(sum.get());
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }
}
