package io.concordbridge.core.config;

/**
 * One leader of the cluster.
 *
 * @param name     its name in the config (dc1, eu-west)
 * @param host     database host
 * @param port     database port
 * @param user     database user, with replication and write privileges
 * @param password its password
 */
public record LeaderConfig(String name, String host, int port, String user, Secret password) {

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
