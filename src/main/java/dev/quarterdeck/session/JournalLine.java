package dev.quarterdeck.session;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One line of a journal file. A line is one JSON object and a newline:
 *
 * <pre>{"v":2,"seq":17,"type":"NoteAdded","event":{"at":"…","who":{"name":"ana"},"text":"…"},"crc":"0a1b2c3d"}</pre>
 *
 * {@code v} is the schema version that wrote the line, {@code seq} counts lines from 1 with no gaps,
 * {@code type} names the kind of event ({@link EventCodec}) or, for the journal's own lines, starts with
 * {@code journal.}; {@code event} holds the fields. {@code crc} is the CRC32C, as 8 lowercase hex digits, of
 * every byte of the line before {@code ,"crc":"}: the checksum is checked on the raw bytes, before any JSON
 * parsing, and always sits in the last 19 bytes of the line.
 *
 * <p>Schema versions: 1 is the shape events had at commit 1c91315 (no feature flags on
 * {@code LastKnownGoodRecorded}, no evidence on {@code ChecklistItemMarked}); 2 is the first version written by
 * this journal. Readers take every version: fields a line lacks get neutral values, fields they do not know
 * are ignored. Raise {@link #VERSION} when an event changes in a way that is not an addition.
 */
final class JournalLine {
    static final int VERSION = 2;
    /** The journal's own line saying the session was ended on purpose. */
    static final String FINISHED = "journal.finished";
    static final String CONTROL_PREFIX = "journal.";

    private static final byte[] CRC_FIELD = ",\"crc\":\"".getBytes(US_ASCII);
    /** {@code ,"crc":"0a1b2c3d"}} at the end of every line, newline not counted. */
    static final int TRAILER = CRC_FIELD.length + 8 + 2;
    private static final Pattern KIND = Pattern.compile("[A-Za-z0-9_.$]+");
    private static final byte[] HEX = "0123456789abcdef".getBytes(US_ASCII);

    private JournalLine() {}

    /** A line that passed every check of its own; whether its sequence number fits is the reader's business. */
    record Parsed(int version, long seq, String kind, JsonNode event) {}

    /** Why a line is not a journal line. */
    static final class BadLine extends Exception {
        BadLine(String reason) {
            super(reason);
        }
    }

    /** The bytes of one line, newline included. */
    static byte[] frame(long seq, String kind, byte[] eventJson) {
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("not a kind of journal line: " + kind);
        }
        byte[] head = ("{\"v\":" + VERSION + ",\"seq\":" + seq + ",\"type\":\"" + kind + "\",\"event\":")
                .getBytes(US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + eventJson.length + TRAILER + 1);
        out.writeBytes(head);
        out.writeBytes(eventJson);
        CRC32C crc = new CRC32C();
        crc.update(head);
        crc.update(eventJson);
        out.writeBytes(CRC_FIELD);
        out.writeBytes(hex((int) crc.getValue()));
        out.write('"');
        out.write('}');
        out.write('\n');
        return out.toByteArray();
    }

    /** Checks and reads the line at {@code buf[off, off + len)}, its newline excluded. */
    static Parsed parse(byte[] buf, int off, int len, ObjectMapper mapper) throws BadLine {
        checkCrc(buf, off, len);
        JsonNode line;
        try {
            line = mapper.readTree(buf, off, len);
        } catch (IOException e) {
            throw new BadLine("not JSON although its checksum matches: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        JsonNode v = line.path("v");
        JsonNode seq = line.path("seq");
        JsonNode kind = line.path("type");
        JsonNode event = line.path("event");
        if (!v.canConvertToInt() || v.intValue() < 1) {
            throw new BadLine("no schema version (\"v\")");
        }
        if (!seq.isIntegralNumber() || seq.longValue() < 1) {
            throw new BadLine("no sequence number (\"seq\")");
        }
        if (!kind.isTextual() || kind.textValue().isEmpty()) {
            throw new BadLine("no kind of event (\"type\")");
        }
        if (!event.isObject()) {
            throw new BadLine("no event fields (\"event\")");
        }
        return new Parsed(v.intValue(), seq.longValue(), kind.textValue(), event);
    }

    private static void checkCrc(byte[] buf, int off, int len) throws BadLine {
        int at = off + len - TRAILER;
        if (len < TRAILER || buf[off] != '{' || !matches(buf, at, CRC_FIELD) || buf[off + len - 2] != '"'
                || buf[off + len - 1] != '}') {
            throw new BadLine("no checksum at the end of the line (not written by a Quarterdeck journal?)");
        }
        int stored;
        try {
            stored = Integer.parseUnsignedInt(new String(buf, at + CRC_FIELD.length, 8, US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw new BadLine("the checksum is not 8 hex digits");
        }
        CRC32C crc = new CRC32C();
        crc.update(buf, off, at - off);
        int computed = (int) crc.getValue();
        if (computed != stored) {
            throw new BadLine("checksum mismatch: the line says " + new String(hex(stored), US_ASCII)
                    + ", its bytes give " + new String(hex(computed), US_ASCII));
        }
    }

    private static boolean matches(byte[] buf, int at, byte[] expected) {
        if (at < 0 || at + expected.length > buf.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (buf[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hex(int value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = HEX[value & 0xf];
            value >>>= 4;
        }
        return out;
    }
}
