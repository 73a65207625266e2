package org.mfs.gateway.routing;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import org.mfs.gateway.config.GatewayConfig;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code requests-per-second}. The caller is
 * the token's subject when the request carries a verified token, else the client address. At most
 * {@code max-callers} buckets are kept; when full, buckets that have refilled completely (idle callers) are dropped.
 */
@Singleton
public class RateLimiter {

    private final boolean enabled;
    private final double perNano;
    private final double burst;
    private final int maxCallers;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(GatewayConfig config) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.enabled = limit.enabled();
        this.perNano = limit.requestsPerSecond() / 1e9;
        this.burst = limit.burst();
        this.maxCallers = limit.maxCallers();
    }

    /** 0 when the caller may go ahead, else the seconds until it may send again (for Retry-After). */
    long acquire(String caller) {
        if (!enabled) {
            return 0;
        }
        long now = System.nanoTime();
        Bucket bucket = buckets.get(caller);
        if (bucket == null) {
            if (buckets.size() >= maxCallers) {
                evictIdle(now);
            }
            bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            bucket.refill(now, perNano, burst);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
        }
    }

    private void evictIdle(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext();) {
            Bucket bucket = it.next().getValue();
            synchronized (bucket) {
                bucket.refill(now, perNano, burst);
                if (bucket.tokens >= burst) {
                    it.remove();
                }
            }
        }
        if (buckets.size() >= maxCallers) {
            buckets.clear();
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
