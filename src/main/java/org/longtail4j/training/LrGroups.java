package org.longtail4j.training;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.longtail4j.models.ImageClassifier;

/**
 * The trainable parameters split by learning-rate factor (torch.optim parameter groups): MiSLAS trains
 * its classifier at 0.2 x lr and the weight-scaling factors at lr. A part is found by the block the
 * parameter belongs to (backbone, head, scale), not by its name.
 */
final class LrGroups {

    /** Parameters that train at {@code factor} times the stage's rate. */
    record Group(PairList<String, Parameter> parameters, double factor) {}

    private LrGroups() {}

    static List<Group> of(ImageClassifier model, PairList<String, Parameter> trainable, Map<String, Double> factors) {
        if (factors.isEmpty()) {
            return List.of(new Group(trainable, 1));
        }
        Map<Parameter, Double> factorOf = new IdentityHashMap<>();
        mark(factorOf, model.backbone(), factors.get("backbone"));
        mark(factorOf, model.head(), factors.get("head"));
        mark(factorOf, model.logitScale(), factors.get("scale"));
        Map<Double, PairList<String, Parameter>> byFactor = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : trainable) {
            double factor = factorOf.getOrDefault(p.getValue(), 1.0);
            byFactor.computeIfAbsent(factor, f -> new PairList<>()).add(p);
        }
        List<Group> groups = new ArrayList<>();
        byFactor.forEach((factor, parameters) -> groups.add(new Group(parameters, factor)));
        return Collections.unmodifiableList(groups);
    }

    private static void mark(Map<Parameter, Double> factorOf, Block part, Double factor) {
        if (part == null || factor == null) {
            return;
        }
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pair<String, Parameter> p : part.getParameters()) {
            if (seen.add(p.getValue())) {
                factorOf.put(p.getValue(), factor);
            }
        }
    }
}
