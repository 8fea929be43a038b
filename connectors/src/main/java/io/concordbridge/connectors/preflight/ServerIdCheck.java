package io.concordbridge.connectors.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Across leaders: every server id is unique. Two leaders with one id are either two servers
 * configured alike, or one server named twice. Stateless.
 */
final class ServerIdCheck {

    private ServerIdCheck() {
    }

    /** A finding for each leader whose server id an earlier leader (in configured order) already has. */
    static List<Finding> check(List<LeaderFacts> leaders) {
        List<Finding> out = new ArrayList<>();
        Map<String, String> firstById = new LinkedHashMap<>();
        for (LeaderFacts f : leaders) {
            String id = f.variable("server_id").orElse(null);
            if (id == null || id.equals("0")) {
                continue;
            }
            String first = firstById.putIfAbsent(id, f.name());
            if (first != null) {
                out.add(Finding.error(f.name(), "server_id", "server_id=" + id + " is also the server_id of " + first
                        + ": each leader needs its own, or the bridge cannot tell their changes apart; set a unique "
                        + "server_id in the server config of " + f.name() + " or " + first + " and restart (if "
                        + "leaders." + f.name() + " and leaders." + first + " name the same server, remove one)"));
            }
        }
        return out;
    }
}
