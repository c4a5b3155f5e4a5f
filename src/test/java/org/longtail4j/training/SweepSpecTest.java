package org.longtail4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.longtail4j.BadInputException;
import org.longtail4j.config.ConfigLoader;
import org.longtail4j.config.RunConfig;

/** {@code --set-values KEY=VALUES}: lists, ranges, and one-line errors naming the key and the value. */
class SweepSpecTest {

    @Test
    void listOfValues() {
        SweepSpec spec = SweepSpec.parse("stages.stage2.transform.p=0,0.1,0.25");
        assertEquals("stages.stage2.transform.p", spec.key());
        assertEquals(List.of("0", "0.1", "0.25"), spec.values());
        assertTrue(spec.numeric());
        assertEquals(0.25, spec.numbers()[2]);
        assertEquals("stages.stage2.transform.p=0.1", spec.override(1));
        assertEquals(List.of("p-0", "p-0.1", "p-0.25"), spec.folderNames());
    }

    @Test
    void spacesAroundKeyAndValuesAreIgnored() {
        SweepSpec spec = SweepSpec.parse(" stages.stage2.transform.p = 0 , 0.5 ,1 ");
        assertEquals("stages.stage2.transform.p", spec.key());
        assertEquals(List.of("0", "0.5", "1"), spec.values());
    }

    /** The paper's grid, exactly: decimal steps, no 0.30000000000000004, stop included. */
    @Test
    void rangeIsComputedInDecimalsWithStopIncluded() {
        SweepSpec spec = SweepSpec.parse("stages.stage2.transform.p=0:1:0.1");
        assertEquals(List.of("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"), spec.values());
        assertTrue(spec.numeric());
        assertEquals("p-0.3", spec.folderNames().get(3));
        assertEquals(List.of("0.0", "0.3", "0.6", "0.9"), SweepSpec.parse("stages.stage2.transform.p=0:1:0.3").values(),
                "a stop off the grid is not reached");
        assertEquals(List.of("1", "4", "7", "10"), SweepSpec.parse("stages.stage2.epochs=1:10:3").values());
        assertEquals(List.of("0.25"), SweepSpec.parse("stages.stage2.transform.p=0.25:0.25:0.1").values());
        assertEquals(List.of("-1", "0", "1"), SweepSpec.parse("stages.stage2.lr=-1:1:1").values());
    }

    @Test
    void nonNumericValuesAndValuesWithColonsOrCommasInBrackets() {
        SweepSpec bn = SweepSpec.parse("stages.stage2.edits.freeze-backbone.bn=shift,frozen");
        assertEquals(List.of("shift", "frozen"), bn.values());
        assertFalse(bn.numeric());
        assertEquals(List.of("bn-shift", "bn-frozen"), bn.folderNames());

        assertEquals(List.of("frozen"), SweepSpec.parse("stages.stage2.edits.freeze-backbone.bn=frozen").values(), "one value is a sweep too");
        assertEquals(List.of("cpu", "gpu:0"), SweepSpec.parse("runtime.device=cpu,gpu:0").values());
        assertEquals(List.of("gpu:0"), SweepSpec.parse("runtime.device=gpu:0").values(), "two parts: not a range");
        SweepSpec lists = SweepSpec.parse("data.groups.boundaries=[30,60],[36, 71]");
        assertEquals(List.of("[30,60]", "[36, 71]"), lists.values());
        assertEquals(List.of("boundaries-_30_60_", "boundaries-_36__71_"), lists.folderNames());
        assertEquals(2, SweepSpec.parse("data.root=/a:b,/c").values().size());
    }

    @Test
    void folderNamesStayDistinct() {
        assertEquals(List.of("root-a_b", "root-a_b-2"), SweepSpec.parse("data.root=a/b,a b").folderNames());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stages.stage2.transform.p|stages.stage2.transform.p|expected KEY=v1,v2",
        "=0,1|''|not a config key",
        "stage2 h2t.p=0,1|'stage2 h2t.p'|not a config key",
        "stages.stage2.transform.p=|stages.stage2.transform.p|no values",
        "stages.stage2.transform.p=0,,1|stages.stage2.transform.p=0,,1|value 2 is empty",
        "stages.stage2.transform.p=0,1,|stages.stage2.transform.p|value 3 is empty",
        "stages.stage2.transform.p=0,0.1,0|stages.stage2.transform.p|value 0 appears twice",
        "stages.stage2.transform.p=0:1:0|stages.stage2.transform.p=0:1:0|step 0 must be positive",
        "stages.stage2.transform.p=0:1:-0.1|stages.stage2.transform.p|step -0.1 must be positive",
        "stages.stage2.transform.p=1:0:0.1|stages.stage2.transform.p|stop 0 is below start 1",
        "stages.stage2.transform.p=0:1:x|stages.stage2.transform.p|range step 'x' is not a number",
        "stages.stage2.transform.p=a:1:0.1|stages.stage2.transform.p|range start 'a' is not a number",
        "stages.stage2.transform.p=0:1:0.0001|stages.stage2.transform.p|10001 values, more than 1000",
        "data.groups.boundaries=[30,60|data.groups.boundaries|unbalanced brackets",
    })
    void badInputNamesTheKeyAndTheValue(String text, String key, String what) {
        BadInputException e = assertThrows(BadInputException.class, () -> SweepSpec.parse(text));
        assertTrue(e.getMessage().contains(key), () -> "message lacks the key '" + key + "': " + e.getMessage());
        assertTrue(e.getMessage().contains(what), () -> "message lacks '" + what + "': " + e.getMessage());
        assertTrue(e.getMessage().startsWith("--set-values"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    /** Before anything trains, each value is applied to the config: mistakes fail at once, named. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "stages.stage2.transform.p=0,1.5|stages.stage2.transform.p|1.5|a fusion ratio in [0, 1]",
        "stages.stage2.transform.q=0,1|stages.stage2.transform.q|0|not a setting of feature transform 'h2t'",
        "stages.stage2.epochs=1,two|stage2.epochs|two|wrong type",
        "stages.stage2.edits.freeze-backbone.bn=shift,moving|stages.stage2.edits.freeze-backbone.bn|moving|expected shift or frozen",
        "stages.stage1.epochs=1,2|stage1.epochs|stage1.epochs|would change nothing",
        "stages.stage2.method=dr,none|stages.stage2.method|none|expected a method",
    })
    void valuesAreCheckedAgainstTheConfigFirst(String text, String key, String value, String what) {
        RunConfig config = ConfigLoader.load(null, List.of("stages.stage1={method: ce, epochs: 1}",
                "stages.stage2={method: dr, epochs: 1, schedule: {type: constant}, transform: {type: h2t, p: 0.25}}"));
        SweepSpec spec = SweepSpec.parse(text);
        BadInputException e = assertThrows(BadInputException.class, () -> ParameterSweep.variants(config, spec));
        for (String part : List.of(key, value, what)) {
            assertTrue(e.getMessage().contains(part), () -> "message lacks '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void validValuesMakeOneStageTwoVariantEach() {
        RunConfig config = ConfigLoader.load(null, List.of("stages.stage1={method: ce, epochs: 1}",
                "stages.stage2={method: dr, epochs: 1, schedule: {type: constant}, transform: {type: h2t, p: 0.25}}"));
        List<StageTwoVariants.Variant> variants = ParameterSweep.variants(config, SweepSpec.parse("stages.stage2.transform.p=0:0.5:0.25"));
        assertEquals(List.of("p-0.00", "p-0.25", "p-0.50"), variants.stream().map(StageTwoVariants.Variant::key).toList());
        RunConfig last = StageTwoVariants.configFor(config, variants.get(2));
        assertEquals(Map.of("type", "h2t", "p", 0.5), last.stages.get("stage2").transform);
        assertEquals(List.of("stage2"), List.copyOf(last.stages.keySet()), "stage 2 only, from the stage-1 run");
    }
}
