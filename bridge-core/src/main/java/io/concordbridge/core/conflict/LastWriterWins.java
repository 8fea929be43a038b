package io.concordbridge.core.conflict;

/** The version with the later stamp wins; a delete can win. Stateless. */
final class LastWriterWins extends RankedPolicy {

    static final LastWriterWins INSTANCE = new LastWriterWins();

    private LastWriterWins() {
    }

    @Override
    public String name() {
        return ResolveMode.LAST_WRITER_WINS.configName();
    }

    @Override
    public int compare(Version a, Version b, TablePolicy p) {
        return byStamp(a, b);
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        return laterStamp(winner, loser);
    }
}
