package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.HandlerVerdict;

import java.nio.charset.StandardCharsets;

/** Compiles and runs handler text in tests, on the calling thread. */
final class Scripts {

    private Scripts() {
    }

    static CompiledHandler compile(String text) {
        return HandlerCompiler.compile("test.groovy", text.getBytes(StandardCharsets.UTF_8));
    }

    static HandlerVerdict run(String text, Conflict conflict) {
        return HandlerRun.run(compile(text), conflict);
    }
}
