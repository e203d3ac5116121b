package dev.quarterdeck.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricsTextTest {

    private static final String PAGE = String.join("\n",
            "# HELP http_requests_total The total number of HTTP requests.",
            "# TYPE http_requests_total counter",
            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000",
            "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000",
            "",
            "# Escaping in label values:",
            "msdos_file_access_time_seconds{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\"} 1.458255915e9",
            "metric_without_timestamp_and_labels 12.47",
            "something_weird{problem=\"division by zero\"} +Inf -3982045",
            "   indented_gauge\t-Inf   \t",
            "not_a_number NaN",
            "exponent 1.5E-3",
            "negative_exponent -2e+2",
            "trailing_comma{a=\"1\",} 2",
            "empty_labels{} 3",
            "spaced { a = \"x\" , b=\"y\" } 4",
            "unknown_escape{v=\"tab\\there\"} 5",
            "http_request_duration_seconds_bucket{le=\"0.05\"} 24054 # {trace_id=\"KOO5S4vxi0o\"} 0.04 1.6e9",
            "openmetrics_timestamp 1 1520879607.789",
            "crlf_line 6\r",
            "# EOF",
            "");

    @Test
    void readsEverySampleWithItsLabelsAndValue() throws Exception {
        List<Sample> samples = MetricsText.parse(PAGE);

        assertThat(samples).extracting(Sample::name).containsExactly(
                "http_requests_total", "http_requests_total", "msdos_file_access_time_seconds",
                "metric_without_timestamp_and_labels", "something_weird", "indented_gauge", "not_a_number",
                "exponent", "negative_exponent", "trailing_comma", "empty_labels", "spaced", "unknown_escape",
                "http_request_duration_seconds_bucket", "openmetrics_timestamp", "crlf_line");
        assertThat(samples.get(0)).isEqualTo(
                new Sample("http_requests_total", Map.of("method", "post", "code", "200"), 1027));
        assertThat(samples.get(1).value()).isEqualTo(3);
        assertThat(samples.get(3)).isEqualTo(new Sample("metric_without_timestamp_and_labels", Map.of(), 12.47));
        assertThat(samples.get(9).labels()).isEqualTo(Map.of("a", "1"));
        assertThat(samples.get(10).labels()).isEmpty();
        assertThat(samples.get(11).labels()).isEqualTo(Map.of("a", "x", "b", "y"));
        assertThat(samples.get(13)).isEqualTo(
                new Sample("http_request_duration_seconds_bucket", Map.of("le", "0.05"), 24054));
        assertThat(samples.get(15).value()).isEqualTo(6);
    }

    @Test
    void decodesBackslashQuoteAndNewlineEscapesInLabelValues() throws Exception {
        Sample dos = MetricsText.parse(PAGE).get(2);
        assertThat(dos.label("path")).hasValue("C:\\DIR\\FILE.TXT");
        assertThat(dos.label("error")).hasValue("Cannot find file:\n\"FILE.TXT\"");
        assertThat(dos.value()).isEqualTo(1.458255915e9);
        // Unknown escapes are kept as written, as Prometheus keeps them.
        assertThat(MetricsText.parse(PAGE).get(12).label("v")).hasValue("tab\\there");
    }

    @Test
    void readsSpecialValues() throws Exception {
        List<Sample> samples = MetricsText.parse(PAGE);
        assertThat(samples.get(4).value()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(samples.get(5).value()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(samples.get(6).value()).isNaN();
        assertThat(samples.get(7).value()).isEqualTo(0.0015);
        assertThat(samples.get(8).value()).isEqualTo(-200);
    }

    @Test
    void anEmptyPageHasNoSamples() throws Exception {
        assertThat(MetricsText.parse("")).isEmpty();
        assertThat(MetricsText.parse("\n\n# just a comment\n# EOF\n\n")).isEmpty();
    }

    @Test
    void parsesValuesTheWayGoDoes() {
        assertThat(MetricsText.parseValue("+Inf")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(MetricsText.parseValue("inf")).hasValue(Double.POSITIVE_INFINITY);
        assertThat(MetricsText.parseValue("-Inf")).hasValue(Double.NEGATIVE_INFINITY);
        assertThat(MetricsText.parseValue("nan").getAsDouble()).isNaN();
        assertThat(MetricsText.parseValue(".5")).hasValue(0.5);
        assertThat(MetricsText.parseValue("5.")).hasValue(5.0);
        assertThat(MetricsText.parseValue("1d")).isEmpty();
        assertThat(MetricsText.parseValue("0x10")).isEmpty();
        assertThat(MetricsText.parseValue("")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "a{code=\"200\" 5           | 14 | ',' or '}' after the value of label \"code\" | '5'",
        "a{code 5}                  |  8 | '=' after label name \"code\"               | '5'",
        "a{code=200} 1              |  8 | '\"' to open the value of label \"code\"    | '200'",
        "`a{code=\"200} 1`          | 15 | '\"' to close the value of label \"code\"   | end of line",
        "a{1code=\"x\"} 1           |  3 | a label name                                 | '1code'",
        "`a{code=\"1\"`             | 11 | ',' or '}' after the value of label \"code\" | end of line",
        "a{code=\"1\",code=\"2\"} 1 | 12 | each label once per sample (\"code\" appears twice) | 'code'",
        "1abc 5                     |  1 | a metric name                                | '1abc'",
        "{a=\"1\"} 5                |  1 | a metric name                                | '{'",
        "a abc                      |  3 | a value (a number, NaN, +Inf or -Inf)        | 'abc'",
        "a 1.2.3                    |  3 | a value (a number, NaN, +Inf or -Inf)        | '1.2.3'",
        "a                          |  2 | a blank and a value after the metric name    | end of line",
        "a{b=\"c\"}                 |  9 | a value (a number, NaN, +Inf or -Inf)        | end of line",
        "a 1 xyz                    |  5 | a timestamp or end of line after the value   | 'xyz'",
        "a 1 123 extra              |  9 | end of line after the sample                 | 'extra'",
        "a 1 # trace                |  7 | '{' to open the exemplar's labels            | 'trace'",
        "# TYPE a countr            |  10 | a metric type (counter, gauge, histogram, summary, untyped) | 'countr'",
        "# TYPE a counter gauge     | 18 | end of line after the metric type            | 'gauge'",
        "# HELP 1a text             |  8 | a metric name after # HELP                   | '1a'",
    })
    void aMalformedLineNamesItsLineColumnAndWhatWasExpected(String line, int column, String expected, String found) {
        MalformedMetricsException e = catchThrowableOfType(MalformedMetricsException.class,
                () -> MetricsText.parse("ok_before 1\n# a comment\n" + line.strip() + "\nok_after 2\n"));

        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(column);
        assertThat(e.expected()).isEqualTo(expected.strip());
        assertThat(e.found()).isEqualTo(found.strip());
        assertThat(e.getMessage()).isEqualTo(
                "line 3, column " + column + ": expected " + expected.strip() + ", found " + found.strip());
    }

    @Test
    void contentAfterEofIsAnError() {
        MalformedMetricsException e = catchThrowableOfType(MalformedMetricsException.class,
                () -> MetricsText.parse("a 1\n# EOF\n\nb 2\n"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.expected()).isEqualTo("nothing after # EOF");
    }
}
