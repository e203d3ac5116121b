package dev.quarterdeck.sandbox;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Test load sent straight at a URL, many requests at once: the services think ~40 ms per request, so
 * concurrency is what keeps a 5,000-request test short. OkHttp rather than java.net.http here because it
 * costs a fraction of the CPU per request, and the router's own java.net.http client already needs the
 * two cores this runs on.
 */
final class Burst implements AutoCloseable {
    private final OkHttpClient http;

    Burst(int concurrency) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(concurrency);
        dispatcher.setMaxRequestsPerHost(concurrency);
        http = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(concurrency, 1, TimeUnit.MINUTES))
                .callTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Sends {@code count} GETs and returns every status code, in the order the requests were sent. */
    List<Integer> send(URI target, int count) throws Exception {
        Request request = new Request.Builder().url(target.toString()).build();
        List<CompletableFuture<Integer>> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CompletableFuture<Integer> answer = new CompletableFuture<>();
            http.newCall(request).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    answer.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call call, Response response) {
                    try (response) {
                        response.body().bytes();
                        answer.complete(response.code());
                    } catch (IOException e) {
                        answer.completeExceptionally(e);
                    }
                }
            });
            answers.add(answer);
        }
        // A guard against a hang, not a speed assertion.
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        return answers.stream().map(CompletableFuture::join).toList();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
