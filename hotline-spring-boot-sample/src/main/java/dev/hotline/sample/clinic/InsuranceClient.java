package dev.hotline.sample.clinic;

import org.springframework.stereotype.Component;

/** Stands for a call to a remote service: the time is spent waiting, not computing. */
@Component
class InsuranceClient {

    int monthlyPremiumCents(long ownerId) {
        try {
            Thread.sleep(120); // the remote call's latency
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1_500 + (int) (ownerId % 7) * 100;
    }
}
