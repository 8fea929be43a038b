package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.pipeline.CaptureEvents;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records what a capture reports. Thread-safe. */
final class RecordingEvents implements CaptureEvents {

    final List<String> streaming = new CopyOnWriteArrayList<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<String> positions = new CopyOnWriteArrayList<>();
    final AtomicLong echoes = new AtomicLong();

    @Override
    public void streaming(String leader) {
        streaming.add(leader);
    }

    @Override
    public void failed(String leader, Throwable cause) {
        failures.add(cause);
    }

    @Override
    public void echoesDropped(String leader, long changes) {
        echoes.addAndGet(changes);
    }

    @Override
    public void position(String leader, String position, long commitMillis) {
        positions.add(position);
    }
}
