package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a long fact may wrap: between parts a reader would split, never inside a port, a version or a time. */
class FactValueTest {

    @Test
    void a_url_breaks_after_its_scheme_and_before_its_port_never_inside_the_port() {
        assertThat(FactValue.parts("http://127.0.0.1:41234")).containsExactly("http://", "127.0.0.1", ":41234");
    }

    @Test
    void a_host_name_breaks_after_its_dots_and_hyphens() {
        assertThat(FactValue.parts("https://k8s.eu-west-1.prod.example:6443"))
                .containsExactly("https://", "k8s.", "eu-", "west-1.", "prod.", "example", ":6443");
    }

    @Test
    void words_break_after_their_spaces() {
        assertThat(FactValue.parts("sandbox router at http://127.0.0.1:41234"))
                .containsExactly("sandbox ", "router ", "at ", "http://", "127.0.0.1", ":41234");
    }

    @Test
    void a_version_and_a_clock_time_stay_whole() {
        assertThat(FactValue.parts("checkout-api:2.13.4")).containsExactly("checkout-", "api", ":2.13.4");
        assertThat(FactValue.parts("dana (lock since 09:12)")).containsExactly("dana ", "(lock ", "since ", "09:12)");
        assertThat(FactValue.parts("1.4.2")).containsExactly("1.4.2");
    }

    @Test
    void the_parts_joined_are_the_value() {
        for (String value : new String[] {"", "—", "a  b", "https://x.y/z/?q=1", "sandbox-checkout 1.5.0-rc.1"}) {
            assertThat(String.join("", FactValue.parts(value))).isEqualTo(value);
        }
    }
}
