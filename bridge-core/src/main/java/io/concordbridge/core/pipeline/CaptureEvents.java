package io.concordbridge.core.pipeline;

/** What a capture reports about itself. Implementations are thread-safe. */
public interface CaptureEvents {

    /** The capture reads the log and will see every transaction committed from now on. */
    void streaming(String leader);

    /** The capture stopped on an error and must be restarted. */
    void failed(String leader, Throwable cause);

    /** Changes of bridge apply transactions that were read and dropped. */
    void echoesDropped(String leader, long changes);

    /** The capture read up to this origin log position at this origin commit time. */
    void position(String leader, String position, long commitMillis);
}
