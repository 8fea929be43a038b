package io.concordbridge.core.conflict;

/**
 * The version of higher precedence wins, a delete as well as a row; equal precedence, the later
 * stamp. Stateless.
 *
 * <p>Precedence is fixed where a version is written ({@link TablePolicy#precedence}): the stamp's
 * micros raised by one priority window per place the leader stands above the end of the priority
 * list, and above the precedence of the version it was written on. So between concurrent versions
 * the leader earlier in the list wins (unless the other was written more windows later than its
 * lead), a write always supersedes what it was written on, and a version written on top of a
 * higher-ranked leader's carries that rank on. Deciding by one number every leader shares is what
 * makes leaders converge with any number of them and any order of arrival: deciding each pair by
 * the two leaders' ranks does not (leader C's version superseded by A's write, met at B against its
 * own concurrent version, would be judged by A's rank at B and by C's rank elsewhere).
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
        if (a.stamp() == null || b.stamp() == null) {
            return byStamp(a, b);
        }
        return a.stamp().comparePrecedence(b.stamp());
    }

    @Override
    String why(Version winner, Version loser, TablePolicy p) {
        if (winner.stamp() == null || loser.stamp() == null) {
            return laterStamp(winner, loser);
        }
        int rw = p.rank(winner.leader());
        int rl = p.rank(loser.leader());
        long pw = winner.stamp().precedence();
        long pl = loser.stamp().precedence();
        String numbers = " (precedence " + pw + " > " + pl + ")";
        if (pw == pl) {
            return "equal precedence " + pw + "; " + laterStamp(winner, loser);
        }
        if (lifted(winner, p)) {
            return winner.who() + "'s version was written on a version that outranks " + loser.who() + "'s" + numbers;
        }
        if (rw < rl) {
            return (rl == p.priority().size()
                    ? winner.who() + " is in the priority list " + p.priority() + " and " + loser.who() + " is not"
                    : "the priority list " + p.priority() + " puts " + winner.who() + " before " + loser.who())
                    + numbers;
        }
        if (rw == rl) {
            String tie = winner.who().equals(loser.who()) ? "both versions are " + winner.who() + "'s"
                    : "neither " + winner.who() + " nor " + loser.who() + " is in the priority list " + p.priority();
            return (rw == p.priority().size() || winner.who().equals(loser.who()) ? tie
                    : winner.who() + " and " + loser.who() + " rank alike") + "; " + laterStamp(winner, loser);
        }
        return winner.who() + "'s version is later than " + loser.who() + "'s by more than the priority window of "
                + p.window().toSeconds() + " s per place" + numbers;
    }

    /** Whether a version's precedence was raised by the version it was written on. */
    private static boolean lifted(Version v, TablePolicy p) {
        return v.stamp().precedence() != p.precedence(v.leader(), v.stamp().micros(), null);
    }
}
