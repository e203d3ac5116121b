package dev.quarterdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeTicksTest {

    @Test
    void a_one_minute_axis_of_a_wide_chart_ticks_every_ten_seconds() {
        assertThat(TimeTicks.step(60, 600)).isEqualTo(10.0);
    }

    @Test
    void a_one_minute_axis_of_a_narrow_chart_ticks_every_fifteen_seconds() {
        assertThat(TimeTicks.step(60, 350)).isEqualTo(15.0);
    }

    @Test
    void a_five_minute_axis_ticks_on_whole_minutes_and_every_other_minute_when_narrow() {
        assertThat(TimeTicks.step(300, 600)).isEqualTo(60.0);
        assertThat(TimeTicks.step(300, 350)).isEqualTo(120.0);
    }

    @Test
    void an_axis_not_laid_out_yet_gets_the_coarsest_step_not_a_flood_of_ticks() {
        assertThat(TimeTicks.step(60, 0)).isEqualTo(300.0);
    }

    @Test
    void ticks_fall_on_round_multiples_inside_the_bounds_whatever_the_bounds() {
        assertThat(TimeTicks.between(37.4, 97.4, 15)).containsExactly(45.0, 60.0, 75.0, 90.0);
        assertThat(TimeTicks.between(-60, 0, 30)).containsExactly(-60.0, -30.0, 0.0);
        assertThat(TimeTicks.between(0.1, 59.9, 60)).isEmpty();
    }

    @Test
    void multiples_are_recognised_despite_rounding() {
        assertThat(TimeTicks.isMultiple(0.1 * 3 * 100, 10)).isTrue();
        assertThat(TimeTicks.isMultiple(125, 10)).isFalse();
        assertThat(TimeTicks.isMultiple(60, 60)).isTrue();
    }
}
