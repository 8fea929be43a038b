package io.concordbridge.core.config;

import java.util.Collection;
import java.util.Locale;

/**
 * "Did you mean" for a mistyped key: the nearest known key within two edits, or one that the typed
 * key is a prefix of or extends ({@code poll-interval} for {@code poll-interval-ms}). Stateless.
 */
final class KeySuggestion {

    private static final int MAX_EDITS = 2;
    private static final int MIN_PREFIX = 4;

    private KeySuggestion() {
    }

    /** {@code " (did you mean KEY?)"}, or empty when no known key is close. */
    static String of(String typed, Collection<String> known) {
        String t = typed.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String k : known) {
            int d = closeness(t, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int closeness(String typed, String known) {
        boolean prefix = Math.min(typed.length(), known.length()) >= MIN_PREFIX
                && (known.startsWith(typed) || typed.startsWith(known));
        return prefix ? Math.min(MAX_EDITS, distance(typed, known)) : distance(typed, known);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
