package dev.quarterdeck.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads YAML text into a located {@link YamlNode} tree with Jackson's streaming parser. */
final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private final String file;
    private final List<PlanProblem> problems;

    private YamlTree(String file, List<PlanProblem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * Parses one YAML document. Syntax errors, duplicate keys and aliases are added to {@code problems};
     * a syntax error ends parsing, so the result is empty then.
     */
    static Optional<YamlNode> parse(String file, String text, List<PlanProblem> problems) {
        return new YamlTree(file, problems).parse(text);
    }

    private Optional<YamlNode> parse(String text) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                problems.add(new PlanProblem(file, Location.START, "the plan is empty: expected a mapping with "
                        + "'apiVersion', 'metadata', 'environments' and the rest"));
                return Optional.empty();
            }
            YamlNode root = read(parser);
            if (parser.nextToken() != null) {
                problems.add(problem(parser, "a plan is one YAML document; remove the '---' and what follows it"));
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            problems.add(new PlanProblem(file, locationOf(e.getLocation()), syntaxMessage(e)));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new PlanProblem(file, Location.START, "could not read the plan: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private YamlNode read(YAMLParser parser) throws IOException {
        Location at = locationOf(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser.isCurrentAlias()) {
            problems.add(new PlanProblem(file, at, "YAML aliases ('*" + parser.getText()
                    + "') are not supported in plans: write the value out"));
        }
        return switch (token) {
            case START_OBJECT -> readMapping(parser, at);
            case START_ARRAY -> readSequence(parser, at);
            case VALUE_NULL -> new YamlNode.Scalar("", true, at);
            default -> new YamlNode.Scalar(parser.getText(), false, at);
        };
    }

    private YamlNode readMapping(YAMLParser parser, Location at) throws IOException {
        Map<String, YamlNode.Mapping.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            YamlNode.Key key = new YamlNode.Key(parser.currentName(), locationOf(parser.currentTokenLocation()));
            parser.nextToken();
            YamlNode value = read(parser);
            YamlNode.Mapping.Entry earlier = entries.get(key.name());
            if (earlier != null) {
                problems.add(new PlanProblem(file, key.location(), "duplicate key '" + key.name()
                        + "' (first written at " + earlier.key().location() + ")"));
            } else {
                entries.put(key.name(), new YamlNode.Mapping.Entry(key, value));
            }
        }
        return new YamlNode.Mapping(entries, at);
    }

    private YamlNode readSequence(YAMLParser parser, Location at) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(read(parser));
        }
        return new YamlNode.Sequence(items, at);
    }

    private PlanProblem problem(YAMLParser parser, String message) {
        return new PlanProblem(file, locationOf(parser.currentTokenLocation()), message);
    }

    private static Location locationOf(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return Location.START;
        }
        return new Location(location.getLineNr(), Math.max(1, location.getColumnNr()));
    }

    /** SnakeYAML's messages are multi-line with a caret drawing; keep the words, the location says where. */
    private static String syntaxMessage(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> words = new ArrayList<>();
        for (String line : original.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.equals("^") || trimmed.startsWith("in 'reader'")) {
                continue;
            }
            if (line.startsWith("    ")) {
                continue; // the echoed source line
            }
            words.add(trimmed);
        }
        String message = String.join(" ", words).replace("<block end>", "the end of the block")
                .replace("'<block mapping start>'", "a key at a different indentation");
        return "YAML syntax error: " + (message.isEmpty() ? "cannot parse" : message)
                + " (check the indentation above this line)";
    }
}
