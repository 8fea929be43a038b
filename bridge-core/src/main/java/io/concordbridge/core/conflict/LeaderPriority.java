package io.concordbridge.core.conflict;

/**
 * The version of the leader earlier in the table's priority list wins, a delete as well as a row;
 * leaders not listed rank after all listed ones; between equal ranks the later stamp wins.
 * Stateless.
 *
 * <p>Priority is meant for concurrent versions, and for those it converges with any number of
 * leaders (it is a total order). But a change does not say which version it was based on, so
 * detection cannot always tell a concurrent version from a causally later one, and priority then
 * ranks a write below an older one it was based on. Two cases diverge:
 * <ul>
 *   <li>a causal chain delivered out of order: leader C writes, A writes on top of C's row, and B
 *       receives A's change before C's (it reads its origins' logs independently, for example while
 *       catching up); if C outranks A, B ends with C's older row;</li>
 *   <li>A inserts and deletes a key while B, concurrently, inserts it with a stamp later than A's
 *       delete: A applies B's insert as a re-insert after the delete, while B, where A outranks it,
 *       takes A's insert and then applies A's delete.</li>
 * </ul>
 * Last-writer-wins is immune because stamps respect causality. Carrying the base version's stamp in
 * each change would make detection exact and lift both.
 */
final class LeaderPriority extends RankedPolicy {

    static final LeaderPriority INSTANCE = new LeaderPriority();

    private LeaderPriority() {
    }

    @Override
    public String name() {
        return ResolveMode.LEADER_PRIORITY.configName();
    }

    @Override
    public int compare(Version a, Version b, TablePolicy p) {
        int ra = p.rank(a.leader());
        int rb = p.rank(b.leader());
        return ra != rb ? Integer.compare(rb, ra) : byStamp(a, b);
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        int rw = p.rank(winner.leader());
        int rl = p.rank(loser.leader());
        if (rw < rl) {
            return rl == p.priority().size()
                    ? winner.who() + " is in the priority list " + p.priority() + " and " + loser.who() + " is not"
                    : "the priority list " + p.priority() + " puts " + winner.who() + " before " + loser.who();
        }
        String tie = winner.who().equals(loser.who()) ? "both versions are " + winner.who() + "'s"
                : "neither " + winner.who() + " nor " + loser.who() + " is in the priority list " + p.priority();
        return tie + "; " + laterStamp(winner, loser);
    }
}
