package dev.quarterdeck.probe.adapter;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.Response;

/**
 * {@link Call#execute()} as Java code expects it. OkHttp 5 is written in Kotlin and can throw
 * {@link InterruptedException} without declaring it (while waiting for a connect, when the calling thread is
 * interrupted, as closing a pool does). Escaping undeclared, it would skip every caller's {@code IOException}
 * handling; here it becomes an {@link InterruptedIOException}, with the thread's interrupt flag kept.
 */
public final class OkHttpCalls {
    private OkHttpCalls() {}

    public static Response execute(Call call) throws IOException {
        try {
            return call.execute();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            InterruptedIOException interrupted = new InterruptedIOException("interrupted");
            interrupted.initCause(e);
            throw interrupted;
        }
    }
}
