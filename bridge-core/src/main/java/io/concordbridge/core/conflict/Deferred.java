package io.concordbridge.core.conflict;

/**
 * Manual resolution, and the handler until it lands: the delegate (last writer wins, or the version
 * column with detect {@code version-column}) picks a provisional winner so every leader holds the
 * same row meanwhile, and every version is stored for read-time resolution. Stateless.
 */
final class Deferred implements Policy {

    private final ResolveMode mode;
    private final Policy provisional;

    Deferred(ResolveMode mode, Policy provisional) {
        this.mode = mode;
        this.provisional = provisional;
    }

    @Override
    public String name() {
        return mode.configName();
    }

    @Override
    public int compare(Version a, Version b, TablePolicy p) {
        return provisional.compare(a, b, p);
    }

    @Override
    public Decision decide(Conflict c, TablePolicy p) {
        Decision d = provisional.decide(c, p);
        String waits = mode == ResolveMode.HANDLER ? "stored until the handler decides" : "stored for read-time resolution";
        return new Decision(d.outcome(), d.row(), d.stamp(), name(), waits + "; provisionally " + d.reason(), true);
    }
}
