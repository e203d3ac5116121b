package dev.quarterdeck.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads release plans from YAML. Either a valid {@link ReleasePlan} comes back, or a {@link PlanException}
 * with every problem at once, each as {@code file:line:column: message}.
 */
public final class PlanLoader {
    /** The plan the console opens when none is given: the built-in sandbox. */
    public static final String BUILT_IN_SANDBOX = "plans/sandbox.yaml";

    private PlanLoader() {}

    public static ReleasePlan load(Path file) throws PlanException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw single(name, "no such file");
        } catch (CharacterCodingException e) {
            throw single(name, "the plan is not UTF-8 text");
        } catch (IOException e) {
            throw single(name, "could not read the plan: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Loads a plan shipped on the classpath, such as {@link #BUILT_IN_SANDBOX}. */
    public static ReleasePlan loadResource(String resource) throws PlanException {
        try (InputStream in = PlanLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw single("classpath:" + resource, "no such plan on the classpath");
            }
            return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw single("classpath:" + resource, "could not read the plan: " + e.getMessage());
        }
    }

    /** Parses plan text; {@code sourceName} is what error messages call the file. */
    public static ReleasePlan parse(String sourceName, String text) throws PlanException {
        List<PlanProblem> found = new ArrayList<>();
        Problems problems = new Problems(sourceName, found);
        Optional<ReleasePlan> plan = YamlTree.parse(sourceName, text, found)
                .flatMap(root -> new PlanBinder(sourceName, problems).bind(root));
        if (!found.isEmpty() || plan.isEmpty()) {
            throw new PlanException(found.isEmpty()
                    ? List.of(new PlanProblem(sourceName, Location.START, "the plan could not be read"))
                    : found);
        }
        return plan.get();
    }

    private static PlanException single(String file, String message) {
        return new PlanException(List.of(new PlanProblem(file, Location.START, message)));
    }
}
