package org.longtail4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The multi-branch models: ResLT's head against PyTorch (fixtures/models/reslt_head_oracle.py), the
 * parameter counts of methods-multibranch.md section 1, RIDE's per-expert maps and its frozen forward.
 */
class MultiBranchModelsTest {

    private static ImageClassifier model(NDManager manager, String arch, String head, int classes) {
        ImageClassifier model = Models.uninitialised(arch, true, head, classes, 30);
        model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
        return model;
    }

    @ParameterizedTest(name = "{0} + {1}, C = {2}: {3}")
    @CsvSource({
        "resnet32, linear, 100, 470004",
        "resnet32, linear, 10, 464154",
        "resnet32, reslt, 100, 470388",
        "resnet32, reslt, 10, 464538",
        "ride-resnet32, cosine, 100, 783856",
        "ride-resnet32, cosine, 10, 770896",
        "ride-resnet32, linear, 100, 784156",
        "ride-resnet32, linear, 10, 770926",
        "bbn-resnet32, bbn, 100, 550388",
        "bbn-resnet32, bbn, 10, 538778",
    })
    void parameterCountsAreTheSpecs(String arch, String head, int classes, long expected) {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(expected, ModelSummary.parameters(model(manager, arch, head, classes)));
        }
    }

    @Test
    void rideSharesTheTrunkAndSplitsTheExperts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = model(manager, "ride-resnet32", "cosine", 100);
            long trunk = 0;
            long expert1 = 0;
            long head1 = 0;
            for (ModelSummary.Part p : ModelSummary.parts(model)) {
                if (p.name().startsWith("backbone.stem") || p.name().startsWith("backbone.stage1")) {
                    trunk += p.parameters();
                } else if (p.name().startsWith("backbone.expert1_")) {
                    expert1 += p.parameters();
                } else if (p.name().equals("head.expert1")) {
                    head1 += p.parameters();
                }
            }
            assertEquals(23_824, trunk, "shared stem + stage 1");
            assertEquals(50_592 + 197_952, expert1, "one expert's stages 2 and 3");
            assertEquals(4_800, head1, "one cosine head 48 x 100");
            // The cosine experts start from unit class vectors (RIDE's NormedLinear).
            NDArray w = model.head().getParameters().valueAt(0).getArray();
            NDArray norms = w.norm(new int[] {1});
            assertEquals(1f, norms.min().getFloat(), 1e-5f);
            assertEquals(1f, norms.max().getFloat(), 1e-5f);
        }
    }

    @Test
    void rideReturnsOneMapPerExpertAndTheMeanOfTheirLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = model(manager, "ride-resnet32", "cosine", 10);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 3, 32, 32));
            NDList maps = model.backbone().forward(ps, new NDList(x), false);
            assertEquals(3, maps.size());
            for (NDArray m : maps) {
                assertEquals(new Shape(4, 48, 8, 8), m.getShape());
            }
            ModelOutput out = model.output(ps, x, false);
            assertEquals(3, out.branches().size());
            NDArray mean = out.branches().get(0).add(out.branches().get(1)).add(out.branches().get(2)).div(3);
            assertTrue(mean.allClose(out.combined(), 1e-5, 1e-5, false));
            assertTrue(out.branches().get(0).abs().max().getFloat() <= 30.0001f, "cosine logits times s = 30");
        }
    }

    /**
     * A frozen RIDE backbone takes the lean forward: it must give the same maps and the same BatchNorm
     * running statistics as the ordinary forward.
     */
    @Test
    void rideFrozenForwardIsTheOrdinaryOne() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            ImageClassifier ordinary = model(manager, "ride-resnet20", "cosine", 10);
            ai.djl.engine.Engine.getInstance().setRandomSeed(3);
            ImageClassifier frozen = model(manager, "ride-resnet20", "cosine", 10);
            frozen.backbone().freezeParameters(true);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 3, 32, 32));
            for (boolean training : new boolean[] {true, false}) {
                NDList a = ordinary.backbone().forward(ps, new NDList(x), training);
                NDList b = frozen.backbone().forward(ps, new NDList(x), training);
                for (int k = 0; k < 3; k++) {
                    assertTrue(a.get(k).allClose(b.get(k), 1e-4, 1e-4, false), "expert " + k + " training " + training);
                }
            }
            List<Pair<String, Parameter>> pa = ordinary.getParameters().stream().toList();
            List<Pair<String, Parameter>> pb = frozen.getParameters().stream().toList();
            int running = 0;
            for (int i = 0; i < pa.size(); i++) {
                if (pa.get(i).getValue().getType() == Parameter.Type.RUNNING_MEAN) {
                    running++;
                    assertTrue(pa.get(i).getValue().getArray().allClose(pb.get(i).getValue().getArray(), 1e-5, 1e-5,
                            false), pa.get(i).getKey());
                }
            }
            assertTrue(running > 30, "the experts' BatchNorms moved: " + running);
        }
    }

    @Test
    void resltHeadMatchesPyTorch() throws Exception {
        JsonNode f;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/models/reslt_head.json")) {
            assertNotNull(in, "fixture missing");
            f = new ObjectMapper().readTree(in);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ResLtHead head = new ResLtHead(5);
            head.initialize(manager, DataType.FLOAT32, new Shape(3, 4, 2, 2));
            JsonNode p = f.get("params");
            String[] branches = {"h", "m", "t"};
            for (Pair<String, Parameter> e : head.getParameters()) {
                String name = e.getKey();
                JsonNode value = null;
                for (int b = 0; b < 3; b++) {
                    if (name.contains("bn_" + branches[b] + "_gamma")) {
                        value = p.get("bn_gamma").get(b);
                    } else if (name.contains("bn_" + branches[b] + "_beta")) {
                        value = p.get("bn_beta").get(b);
                    }
                }
                if (name.endsWith("fc_weight")) {
                    value = p.get("fc_weight");
                } else if (name.endsWith("fc_bias")) {
                    value = p.get("fc_bias");
                }
                if (value != null) {
                    e.getValue().getArray().set(floats(value));
                }
            }
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.create(floats(f.get("x")), new Shape(3, 4, 2, 2));
            NDList train = head.forward(ps, new NDList(x), true);
            assertEquals(4, train.size(), "three branches and their sum");
            for (int i = 0; i < 4; i++) {
                assertClose(f.get("train_logits").get(i), train.get(i));
            }
            for (int b = 0; b < 3; b++) {
                assertClose(f.get("running_mean").get(b), parameter(head, "bn_" + branches[b] + "_runningMean"));
                assertClose(f.get("running_var").get(b), parameter(head, "bn_" + branches[b] + "_runningVar"));
            }
            NDList eval = head.forward(ps, new NDList(x), false);
            for (int i = 0; i < 4; i++) {
                assertClose(f.get("eval_logits").get(i), eval.get(i));
            }
        }
    }

    private static NDArray parameter(ResLtHead head, String suffix) {
        for (Pair<String, Parameter> e : head.getParameters()) {
            if (e.getKey().endsWith(suffix)) {
                return e.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + suffix + " in " + head.getParameters().keys());
    }

    private static float[] floats(JsonNode node) {
        List<Double> values = new java.util.ArrayList<>();
        flatten(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    private static void flatten(JsonNode node, List<Double> out) {
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else {
            out.add(node.asDouble());
        }
    }

    private static void assertClose(JsonNode expected, NDArray actual) {
        float[] e = floats(expected);
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-4f * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    @Test
    void bbnDuplicatesTheLastBlockAndSharesOneClassifier() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = model(manager, "bbn-resnet32", "bbn", 100);
            long trunk = 0;
            long cb = 0;
            long rb = 0;
            long head = 0;
            for (ModelSummary.Part p : ModelSummary.parts(model)) {
                if (p.name().equals("backbone.cb")) {
                    cb += p.parameters();
                } else if (p.name().equals("backbone.rb")) {
                    rb += p.parameters();
                } else if (p.name().startsWith("backbone.")) {
                    trunk += p.parameters();
                } else {
                    head += p.parameters();
                }
            }
            assertEquals(389_520, trunk, "shared trunk");
            assertEquals(73_984, cb, "conventional-learning block");
            assertEquals(73_984, rb, "re-balancing block");
            assertEquals(12_900, head, "Linear(128, 100) with one bias");
        }
    }

    @Test
    void bbnHeadSplitsTheConcatenatedClassifierAndSumsToTheTestLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageClassifier model = model(manager, "bbn-resnet32", "bbn", 10);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = manager.randomNormal(new Shape(4, 3, 32, 32));
            NDList maps = model.backbone().forward(ps, new NDList(x), false);
            assertEquals(2, maps.size());
            assertEquals(new Shape(4, 64, 8, 8), maps.get(0).getShape());
            ModelOutput out = model.output(ps, x, false);
            assertEquals(2, out.branches().size());
            // W [f_c, f_r] + b, written out with the whole weight matrix
            NDArray w = param(model.head(), "weight");
            NDArray b = param(model.head(), "bias");
            NDArray f = GlobalPooling.average(maps.get(0)).concat(GlobalPooling.average(maps.get(1)), 1);
            NDArray expected = f.matMul(w.transpose()).add(b);
            assertTrue(expected.allClose(out.combined(), 1e-5, 1e-5, false));
            assertTrue(out.branches().get(0).add(out.branches().get(1)).allClose(out.combined(), 1e-5, 1e-5, false));
        }
    }

    /**
     * One input per branch: each branch reads only its own input's trunk map, and the trunk's BatchNorm
     * statistics are updated by both inputs in order (conventional, then reversed).
     */
    @Test
    void bbnBranchInputsFeedTheirOwnBranches() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            ImageClassifier pair = model(manager, "bbn-resnet20", "bbn", 10);
            ai.djl.engine.Engine.getInstance().setRandomSeed(5);
            ImageClassifier single = model(manager, "bbn-resnet20", "bbn", 10);
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray conventional = manager.randomNormal(new Shape(4, 3, 32, 32));
            NDArray reversed = manager.randomNormal(new Shape(4, 3, 32, 32)).add(1);
            ModelOutput both = pair.output(ps, List.of(conventional, reversed), true);
            // the same model run on each input alone: cb's logits from the first, rb's from the second
            NDArray cbAlone = single.output(ps, conventional, true).branches().get(0);
            NDArray rbAlone = single.output(ps, reversed, true).branches().get(1);
            assertTrue(both.branches().get(0).allClose(cbAlone, 1e-4, 1e-4, false), "cb reads the first input");
            assertTrue(both.branches().get(1).allClose(rbAlone, 1e-4, 1e-4, false), "rb reads the second input");
            NDArray trunkMeanPair = param(pair.backbone(), "stem_bn_runningMean");
            NDArray trunkMeanSingle = param(single.backbone(), "stem_bn_runningMean");
            assertTrue(trunkMeanPair.allClose(trunkMeanSingle, 1e-5, 1e-5, false), "trunk BN updated twice, in order");
            NDArray cbMean = param(pair.backbone(), "cb", "bn1_runningMean");
            NDArray cbMeanSingle = param(single.backbone(), "cb", "bn1_runningMean");
            assertTrue(!cbMean.allClose(cbMeanSingle, 1e-5, 1e-5, false), "cb's BN never saw the reversed batch");
        }
    }

    @Test
    void bbnHeadOnlyWithTheBbnBackbone() {
        org.junit.jupiter.api.Assertions.assertThrows(org.longtail4j.BadInputException.class,
                () -> Models.uninitialised("resnet32", true, "bbn", 10, 30));
        org.junit.jupiter.api.Assertions.assertThrows(org.longtail4j.BadInputException.class,
                () -> Models.uninitialised("bbn-resnet32", true, "linear", 10, 30));
    }

    /** The array of the block's parameter whose name ends with {@code suffix} (DJL numbers child names). */
    private static NDArray param(ai.djl.nn.Block block, String suffix) {
        return param(block, "", suffix);
    }

    /** The same, of a parameter whose name also contains {@code child + "_"} (any, when child is empty). */
    private static NDArray param(ai.djl.nn.Block block, String child, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if ((child.isEmpty() || p.getKey().contains(child + "_")) && p.getKey().endsWith(suffix)) {
                return p.getValue().getArray();
            }
        }
        throw new AssertionError("no parameter " + suffix);
    }
}
